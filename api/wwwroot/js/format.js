// Times are shown in the reader's own time zone; the full timestamp is always one hover away.
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const hourOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function dateTime(iso) {
  return iso ? full.format(new Date(iso)) : '—';
}

export function hourLabel(iso) {
  return hourOnly.format(new Date(iso));
}

const UNITS = [
  ['second', 1, 60], ['minute', 60, 3600], ['hour', 3600, 86400],
  ['day', 86400, 86400 * 30], ['month', 86400 * 30, 86400 * 365], ['year', 86400 * 365, Infinity],
];

export function ago(iso) {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const [unit, size] = UNITS.find(([, , limit]) => Math.abs(seconds) < limit);
  return relative.format(Math.round(seconds / size), unit);
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** A JSON text indented for reading; anything else as it came. */
export function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
