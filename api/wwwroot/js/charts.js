// The webhook's last hours as inline SVG: attempts per hour by outcome, and p50/p95 response time.
// Drawn by hand: two small charts do not earn a library, and SVG built with the DOM needs no inline script or style.
import { h, svg } from './dom.js';
import { duration, hourLabel } from './format.js';

const W = 560;
const H = 200;
const M = { top: 12, right: 12, bottom: 26, left: 48 };

const TICKS = 4;

/** A round step for TICKS gridlines that covers `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max) {
  const raw = Math.max(max, 1) / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return Math.max(1, [1, 2, 5, 10].map(f => f * magnitude).find(v => v >= raw));
}

function axisDuration(ms) {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function frame(items, step, label, format) {
  const max = step * TICKS;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / items.length;
  const y = v => M.top + plotH - (v / max) * plotH;
  const grid = Array.from({ length: TICKS + 1 }, (_, i) => svg('g', { class: 'tick' },
    svg('line', { x1: M.left, x2: W - M.right, y1: y(step * i), y2: y(step * i), class: i === 0 ? 'axis' : 'gridline' }),
    svg('text', { x: M.left - 6, y: y(step * i) + 4, 'text-anchor': 'end' }, format(step * i))));
  const every = Math.max(1, Math.ceil(items.length / 8));
  const xLabels = items.map((item, i) => (items.length - 1 - i) % every === 0
    ? svg('text', { x: M.left + band * (i + 0.5), y: H - 8, 'text-anchor': 'middle' }, hourLabel(item.start))
    : null);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' },
    svg('g', { class: 'axes' }, grid, xLabels));
  return { root, band, y };
}

/** Stacked bars: succeeded below, failed above, one per hour. */
export function attemptsChart(items) {
  const total = items.reduce((n, i) => n + i.succeeded + i.failed, 0);
  const failed = items.reduce((n, i) => n + i.failed, 0);
  const step = niceStep(Math.max(...items.map(i => i.succeeded + i.failed)));
  const { root, band, y } = frame(items, step,
    `Attempts per hour over the last ${items.length} hours: ${total} attempts, ${failed} failed.`, String);
  const width = Math.max(2, band * 0.7);
  const bars = items.map((item, i) => {
    const x = M.left + band * i + (band - width) / 2;
    const ok = item.succeeded;
    const bad = item.failed;
    return svg('g', { class: 'bar', dataset: { start: item.start, succeeded: ok, failed: bad } },
      svg('title', {}, `${hourLabel(item.start)}: ${ok} succeeded, ${bad} failed`),
      // A full-height strip so that an empty hour still has its tooltip.
      svg('rect', { x: M.left + band * i, y: M.top, width: band, height: H - M.top - M.bottom, class: 'hover' }),
      ok ? svg('rect', { x, y: y(ok), width, height: y(0) - y(ok), class: 'succeeded' }) : null,
      bad ? svg('rect', { x, y: y(ok + bad), width, height: y(ok) - y(ok + bad), class: 'failed' }) : null);
  });
  root.append(...bars);
  return figure('Attempts per hour', root, [['succeeded', 'Succeeded'], ['failed', 'Failed']]);
}

/** p50 and p95 response time per hour; hours without attempts leave a gap. */
export function latencyChart(items) {
  const values = items.flatMap(i => [i.p50_ms, i.p95_ms]).filter(v => v !== null);
  const step = niceStep(Math.max(1, ...values));
  const worst = values.length ? Math.max(...values) : null;
  const { root, band, y } = frame(items, step,
    worst === null ? 'Response time: no attempts in this period.' : `Response time per hour, p50 and p95; the slowest p95 is ${duration(worst)}.`,
    axisDuration);
  for (const [key, cls] of [['p50_ms', 'p50'], ['p95_ms', 'p95']]) {
    let d = '';
    let open = false;
    items.forEach((item, i) => {
      const v = item[key];
      if (v === null) {
        open = false;
        return;
      }
      d += `${open ? 'L' : 'M'}${(M.left + band * (i + 0.5)).toFixed(1)},${y(v).toFixed(1)}`;
      open = true;
    });
    if (d) root.append(svg('path', { d, class: `line ${cls}` }));
    items.forEach((item, i) => {
      if (item[key] === null) return;
      root.append(svg('circle', { cx: M.left + band * (i + 0.5), cy: y(item[key]), r: 3, class: `point ${cls}` },
        svg('title', {}, `${hourLabel(item.start)}: ${cls} ${duration(item[key])}`)));
    });
  }
  return figure('Response time', root, [['p50', 'p50 (median)'], ['p95', 'p95']]);
}

function figure(title, chart, legend) {
  return h('figure', { class: 'chart-figure' },
    h('figcaption', {}, h('span', { class: 'chart-title' }, title),
      h('span', { class: 'legend' }, legend.map(([cls, text]) => h('span', { class: `key ${cls}` }, text)))),
    chart);
}

/** The same numbers as a table, for screen readers and for copying. */
export function statsTable(items) {
  return h('details', { class: 'stats-table' },
    h('summary', {}, 'Show the numbers'),
    h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, ['Hour', 'Succeeded', 'Failed', 'p50', 'p95'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.slice().reverse().map(i => h('tr', {},
        h('td', {}, hourLabel(i.start)), h('td', { class: 'num' }, i.succeeded), h('td', { class: 'num' }, i.failed),
        h('td', { class: 'num' }, duration(i.p50_ms)), h('td', { class: 'num' }, duration(i.p95_ms)))))));
}
