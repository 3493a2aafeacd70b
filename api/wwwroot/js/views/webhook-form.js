import { ApiError, get, patch, post } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { eventGroups } from '../catalog.js';
import { projectsPath } from '../session.js';
import { clearErrors, errorSummary, field, showErrors, toast } from '../ui.js';
import { go } from '../nav.js';
import { projectCrumbs, webhookPath } from './webhooks.js';

/** Create (no id) or edit a webhook. The API checks every field; its errors show beside the fields. */
export async function webhookFormView(code, id) {
  const [project, groups, webhook] = await Promise.all([
    get(`${projectsPath()}/${encodeURIComponent(code)}`),
    eventGroups(),
    id ? get(webhookPath(code, id)) : Promise.resolve(null),
  ]);
  const base = `#/projects/${encodeURIComponent(project.code)}`;
  const title = h('input', { type: 'text', autocomplete: 'off', maxlength: 255, value: webhook?.title ?? '' });
  const url = h('input', { type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://example.com/qase-webhook', value: webhook?.url ?? '' });
  const email = h('input', { type: 'email', autocomplete: 'off', value: webhook?.notify_email ?? '' });
  const enabled = h('input', { type: 'checkbox', checked: true });
  const rateLimit = h('input', { type: 'number', min: 1, max: 10000, step: 1, inputmode: 'numeric', placeholder: 'No limit', value: webhook?.rate_limit ?? '' });
  const ordered = h('input', { type: 'checkbox', role: 'switch', checked: webhook?.ordered ?? false });
  const secret = secretField(webhook);
  const scheme = h('select', {},
    h('option', { value: 'hmac', selected: (webhook?.signature_scheme ?? 'hmac') === 'hmac' }, 'HMAC-SHA256 with the secret (v1)'),
    h('option', { value: 'ed25519', selected: webhook?.signature_scheme === 'ed25519' }, 'Ed25519 key pair (v1a), plus v1 with a secret'));
  const events = eventsFieldset(groups, new Set(webhook?.events ?? []));
  const summary = errorSummary();
  const save = h('button', { type: 'submit', class: 'button primary' }, webhook ? 'Save changes' : 'Create webhook');
  const cancel = h('a', { class: 'button', href: webhook ? `${base}/webhooks/${encodeURIComponent(webhook.id)}` : base }, 'Cancel');

  const form = h('form', { class: 'webhook-form', novalidate: true },
    summary,
    h('section', { class: 'card', 'aria-labelledby': 'basic-heading' },
      h('h2', { id: 'basic-heading' }, 'Basic'),
      h('div', { class: 'grid two' },
        field({ label: 'Title', name: 'title', input: title, hint: 'A name for the webhook.' }),
        field({ label: 'Endpoint', name: 'url', input: url, hint: 'The http or https URL that receives a POST for every event below.' })),
      h('div', { class: 'grid two' },
        secret.element,
        field({ label: 'Notify email (optional)', name: 'notify_email', input: email, hint: 'Told when the webhook is disabled automatically; empty: the workspace owner.' })),
      h('div', { class: 'grid two' },
        field({
          label: 'Signature scheme', name: 'signature_scheme', input: scheme,
          hint: webhook?.signature_scheme === 'ed25519'
            ? 'Switching to HMAC drops the key pair.'
            : 'Ed25519: the service makes a key pair and shows its public key; receivers verify without a shared secret.',
        })),
      webhook ? null : h('div', { class: 'field checkbox-field', dataset: { field: 'enabled' } },
        h('label', {}, enabled, ' Enabled: deliver events as soon as it is created'), h('p', { class: 'field-error', hidden: true }))),
    h('section', { class: 'card', 'aria-labelledby': 'delivery-heading' },
      h('h2', { id: 'delivery-heading' }, 'Delivery'),
      h('div', { class: 'grid two' },
        field({ label: 'Rate limit (optional)', name: 'rate_limit', input: rateLimit, hint: 'At most this many attempts per second, 1 to 10 000; empty: no limit. A backlog waits.' }),
        h('div', { class: 'field checkbox-field', dataset: { field: 'ordered' } },
          h('label', {}, ordered, ' Ordered'),
          h('p', { class: 'hint' }, 'One delivery at a time, in the order the events were accepted; a failing delivery holds the ones after it.'),
          h('p', { class: 'field-error', hidden: true })))),
    events.element,
    h('div', { class: 'actions sticky-actions' }, save, cancel));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      title: title.value,
      url: url.value.trim(),
      events: events.selected(),
      notify_email: email.value.trim() || null,
      signature_scheme: scheme.value,
      rate_limit: rateLimit.value.trim() === '' ? null : Number(rateLimit.value),
      ordered: ordered.checked,
    };
    Object.assign(body, secret.value());
    if (!webhook) body.enabled = enabled.checked;
    save.disabled = true;
    try {
      const saved = webhook ? await patch(webhookPath(project.code, webhook.id), body) : await post(webhookPath(project.code), body);
      toast(webhook ? 'Changes saved.' : `Webhook ${saved.title} created.`);
      go(`/projects/${encodeURIComponent(project.code)}/webhooks/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 503) return;
      showErrors(form, e instanceof ApiError ? e.problem : { title: e.message }, summary);
    } finally {
      save.disabled = false;
    }
  });

  const crumbs = webhook
    ? projectCrumbs(project, { text: 'Webhooks', href: base }, { text: webhook.title, href: `${base}/webhooks/${encodeURIComponent(webhook.id)}` }, { text: 'Edit' })
    : projectCrumbs(project, { text: 'Webhooks', href: base }, { text: 'New webhook' });
  return h('div', {},
    crumbs,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, webhook ? `Edit ${webhook.title}` : 'Create new webhook'),
      h('p', { class: 'muted' }, `${project.code} · ${project.title}`))),
    form);
}

/**
 * The secret is write-only: a new webhook may set one; an existing one shows only whether it has one,
 * and can change or remove it. value() answers {secret} for the request, or nothing when unchanged.
 */
function secretField(webhook) {
  const id = uid('secret');
  const input = h('input', {
    id, name: 'secret', type: 'password', autocomplete: 'new-password', spellcheck: 'false', maxlength: 255,
    'aria-describedby': `${id}-hint ${id}-error`,
  });
  const show = h('button', { type: 'button', class: 'button small', 'aria-pressed': 'false', 'aria-controls': id }, 'Show');
  show.addEventListener('click', () => {
    const visible = input.type === 'password';
    input.type = visible ? 'text' : 'password';
    show.setAttribute('aria-pressed', String(visible));
    show.textContent = visible ? 'Hide' : 'Show';
  });
  const label = h('label', { for: id }, webhook ? 'New secret' : 'Secret (optional)');
  const editor = h('div', { class: 'stack-tight' }, label, h('div', { class: 'input-row' }, input, show));
  const hint = h('p', { class: 'hint', id: `${id}-hint` },
    'Sent as X-Qase-Secret and used for the webhook-signature (Standard Webhooks). It is never shown again.');
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  if (!webhook) {
    return {
      element: h('div', { class: 'field', dataset: { field: 'secret' } }, editor, hint, error),
      value: () => (input.value ? { secret: input.value } : {}),
    };
  }

  let mode = 'keep';
  const status = h('p', { class: 'secret-status' });
  const actions = h('div', { class: 'input-row' });
  const set = next => () => {
    mode = next;
    if (next !== 'change') input.value = '';
    draw();
    if (next === 'change') input.focus();
  };
  const draw = () => {
    editor.hidden = mode !== 'change';
    if (mode === 'keep') {
      status.textContent = webhook.has_secret ? 'A secret is set.' : 'No secret: deliveries are not signed.';
      replace(actions,
        h('button', { type: 'button', class: 'button small', onclick: set('change') }, webhook.has_secret ? 'Change secret' : 'Set a secret'),
        webhook.has_secret ? h('button', { type: 'button', class: 'button small danger', onclick: set('remove') }, 'Remove secret') : null);
    } else if (mode === 'remove') {
      status.textContent = 'The secret will be removed when you save.';
      replace(actions, h('button', { type: 'button', class: 'button small', onclick: set('keep') }, 'Keep the secret'));
    } else {
      status.textContent = webhook.has_secret ? 'The new secret replaces the old one when you save.' : 'The secret is set when you save.';
      replace(actions, h('button', { type: 'button', class: 'button small', onclick: set('keep') }, 'Cancel'));
    }
  };
  draw();
  return {
    element: h('div', { class: 'field', dataset: { field: 'secret' } }, h('span', { class: 'label' }, 'Secret'), status, actions, editor, hint, error),
    value: () => (mode === 'remove' ? { secret: null } : mode === 'change' ? { secret: input.value } : {}),
  };
}

/** Events as checkboxes in their groups, each group with "select all" and a count, and a total. */
function eventsFieldset(groups, chosen) {
  const boxes = [];
  const total = h('span', { class: 'count', 'aria-live': 'polite' });
  const updaters = [];
  const update = () => {
    const n = boxes.filter(b => b.checked).length;
    total.textContent = `${n} of ${boxes.length} selected`;
    updaters.forEach(u => u());
  };
  const groupCards = groups.map(({ group, types }) => {
    const own = types.map(type => {
      const box = h('input', { type: 'checkbox', value: type.name, checked: chosen.has(type.name) });
      box.addEventListener('change', update);
      boxes.push(box);
      return h('li', {}, h('label', { class: 'event' }, box, h('span', {}, type.title, h('code', { class: 'event-name' }, type.name))));
    });
    const mine = () => boxes.filter(b => types.some(t => t.name === b.value));
    const all = h('input', { type: 'checkbox' });
    const count = h('span', { class: 'count small' });
    const legendId = uid('group');
    all.addEventListener('change', () => {
      mine().forEach(b => { b.checked = all.checked; });
      update();
    });
    updaters.push(() => {
      const n = mine().filter(b => b.checked).length;
      all.checked = n === types.length;
      all.indeterminate = n > 0 && n < types.length;
      count.textContent = `${n} of ${types.length}`;
    });
    return h('fieldset', { class: 'event-group', 'aria-labelledby': legendId },
      h('legend', { id: legendId }, group, ' ', count),
      h('label', { class: 'select-all' }, all, ` Select all ${group.toLowerCase()}`),
      h('ul', { class: 'plain-list' }, own));
  });
  const element = h('section', { class: 'card', 'aria-labelledby': 'events-heading', dataset: { field: 'events' } },
    h('div', { class: 'card-head' }, h('h2', { id: 'events-heading' }, 'Events'), total),
    h('p', { class: 'hint' }, 'The webhook receives a POST for each event of these types in the project.'),
    h('p', { class: 'field-error', hidden: true, tabindex: '-1' }),
    h('div', { class: 'event-groups' }, groupCards));
  update();
  return { element, selected: () => boxes.filter(b => b.checked).map(b => b.value) };
}
