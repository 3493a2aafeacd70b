// Small pieces the views share: badges, the enable switch, form fields that show the API's errors.
import { h, replace, uid } from './dom.js';
import { ago, dateTime } from './format.js';

export const REASONS = {
  manual: 'disabled by hand',
  timeout: 'endpoint timed out',
  failing: 'failing for too long',
  gone: 'endpoint answered 410 Gone',
};

export function time(iso, mode = 'ago') {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: dateTime(iso) }, mode === 'ago' ? ago(iso) : dateTime(iso));
}

export function badge(text, tone) {
  return h('span', { class: `badge badge-${tone}` }, text);
}

export function webhookBadge(webhook) {
  if (webhook.enabled) return badge('Enabled', 'ok');
  return h('span', { class: 'status-stack' },
    badge(`Disabled: ${REASONS[webhook.disabled_reason] ?? webhook.disabled_reason ?? 'disabled'}`, webhook.disabled_reason === 'manual' ? 'neutral' : 'bad'),
    webhook.disabled_at ? h('span', { class: 'small muted' }, 'since ', time(webhook.disabled_at)) : null);
}

export function deliveryBadge(status) {
  return badge(status[0].toUpperCase() + status.slice(1), { succeeded: 'ok', failed: 'bad', pending: 'warn' }[status] ?? 'neutral');
}

/** A switch button (role=switch) that calls onToggle(wanted) and shows the answer. */
export function enableSwitch(webhook, onToggle) {
  const button = h('button', {
    type: 'button', role: 'switch', class: 'switch',
    'aria-checked': String(webhook.enabled),
    'aria-label': `Enabled: ${webhook.title}`,
    title: webhook.enabled ? 'Disable this webhook' : 'Enable this webhook',
  }, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await onToggle(button.getAttribute('aria-checked') !== 'true');
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/**
 * A labelled input with a hint and a place for its error. `name` is the API's field name, so the
 * errors of a problem answer land beside the field they are about.
 */
export function field({ label, name, input, hint }) {
  const id = input.id || uid(name);
  input.id = id;
  input.name = name;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  input.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field', dataset: { field: name } }, h('label', { for: id }, label), input, hintEl, error);
}

/** Shows a problem's field errors beside their fields (fields named `events[3]` go to `events`). */
export function showErrors(form, problem, summary) {
  clearErrors(form);
  const errors = problem.errors ?? {};
  const shown = [];
  for (const [key, messages] of Object.entries(errors)) {
    const name = key.replace(/\[.*$/, '').replace(/\..*$/, '');
    const holder = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    const text = `${messages.join(' ')}`;
    if (holder) {
      const error = holder.querySelector('.field-error');
      error.textContent = key === name ? text : `${key}: ${text}`;
      error.hidden = false;
      holder.classList.add('invalid');
      holder.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
      shown.push(holder);
    }
  }
  if (summary) {
    const lines = Object.entries(errors).map(([key, messages]) => h('li', {}, h('code', {}, key), ' ', messages.join(' ')));
    replace(summary, h('p', { class: 'summary-title' }, problem.title ?? 'The request was not accepted.'),
      problem.detail && !lines.length ? h('p', {}, problem.detail) : null,
      lines.length ? h('ul', {}, lines) : null);
    summary.hidden = false;
  }
  const first = shown[0]?.querySelector('input, select, textarea, button');
  (first ?? summary)?.focus();
}

export function clearErrors(form) {
  for (const holder of form.querySelectorAll('.field.invalid, fieldset.invalid')) {
    holder.classList.remove('invalid');
    const error = holder.querySelector('.field-error');
    if (error) {
      error.hidden = true;
      error.textContent = '';
    }
    holder.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
  }
  const summary = form.querySelector('.error-summary');
  if (summary) summary.hidden = true;
}

export function errorSummary() {
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
}

/** A short message in the corner that screen readers announce. */
export function toast(message, tone = 'ok') {
  const host = document.getElementById('toasts');
  const item = h('div', { class: `toast toast-${tone}` }, message);
  host.append(item);
  setTimeout(() => item.remove(), 6000);
}

export function breadcrumbs(...items) {
  return h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('ol', {}, items.map((item, i) => h('li', {},
      i === items.length - 1 || !item.href ? h('span', { 'aria-current': i === items.length - 1 ? 'page' : null }, item.text)
        : h('a', { href: item.href }, item.text)))));
}

export function card(title, ...children) {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A line to show when a call failed and the page has nothing else to show. */
export function failure(error) {
  return h('div', { class: 'notice notice-bad', role: 'alert' }, error.message);
}

/** A value to copy (a public key, a secret shown once): read-only text and a Copy button. */
export function copyable(value, label) {
  const input = h('input', { type: 'text', readonly: true, value, class: 'copy-text', spellcheck: 'false', 'aria-label': label });
  const copy = h('button', { type: 'button', class: 'button small' }, 'Copy');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(value);
      toast(`${label} copied.`);
    } catch {
      toast('Copying is not allowed here: the text is selected, copy it with the keyboard.', 'bad');
    }
  });
  return h('div', { class: 'input-row copyable' }, input, copy);
}
