import { ApiError, del, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { eventGroups, eventTitles } from '../catalog.js';
import { attemptsChart, latencyChart, statsTable } from '../charts.js';
import { duration, plural } from '../format.js';
import { projectsPath } from '../session.js';
import { card, copyable, deliveryBadge, enableSwitch, failure, REASONS, time, toast, webhookBadge } from '../ui.js';
import { go } from '../nav.js';
import { deliveryLog } from './deliveries.js';
import { health, projectCrumbs, toggle, webhookPath } from './webhooks.js';

/** One webhook: settings and health, a test delivery, the last 24 hours, and the delivery log. */
export async function webhookView(code, id) {
  const [project, initial, groups, titles] = await Promise.all([
    get(`${projectsPath()}/${encodeURIComponent(code)}`),
    get(webhookPath(code, id)),
    eventGroups(),
    eventTitles(),
  ]);
  let webhook = initial;
  const path = webhookPath(project.code, webhook.id);
  const base = `#/projects/${encodeURIComponent(project.code)}`;

  const head = h('div', { class: 'page-head' });
  const overview = h('div', { class: 'grid two' });
  const charts = h('div', { class: 'charts', 'aria-live': 'polite' });
  const log = deliveryLog(path, { onChange: () => refresh() });

  const drawWebhook = () => {
    replace(head,
      h('div', {},
        h('h1', {}, webhook.title),
        h('p', { class: 'endpoint-line' }, webhookBadge(webhook), ' ', h('code', {}, webhook.url))),
      h('div', { class: 'actions' },
        h('span', { class: 'switch-label' }, enableSwitch(webhook, async wanted => {
          webhook = await toggle(webhook, wanted);
          drawWebhook();
          head.querySelector('[role=switch]').focus();
        }), webhook.enabled ? 'Enabled' : 'Disabled'),
        h('a', { class: 'button', href: `${base}/webhooks/${encodeURIComponent(webhook.id)}/edit` }, 'Edit'),
        h('button', { type: 'button', class: 'button danger', onclick: remove }, 'Delete')));
    replace(overview, settingsCard(webhook, titles), healthCard(webhook));
  };

  async function remove() {
    if (!confirm(`Delete the webhook ${webhook.title} and its delivery log?`)) return;
    try {
      await del(path);
      toast(`${webhook.title} deleted.`);
      go(`/projects/${encodeURIComponent(project.code)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 503) toast(e.message, 'bad');
    }
  }

  async function refreshStats() {
    try {
      const { items } = await get(`${path}/stats?hours=24`);
      replace(charts, h('div', { class: 'grid two' }, attemptsChart(items), latencyChart(items)), statsTable(items));
    } catch (e) {
      replace(charts, failure(e));
    }
  }

  async function refresh() {
    try {
      webhook = await get(path);
      drawWebhook();
    } catch {
      // the log and the charts still say what they can
    }
    await refreshStats();
  }

  drawWebhook();
  const view = h('div', {},
    projectCrumbs(project, { text: 'Webhooks', href: base }, { text: webhook.title }),
    head,
    overview,
    testCard(path, webhook, groups, titles, () => {
      log.reload();
      refresh();
    }),
    rotateCard(path, rotated => {
      webhook = rotated;
      drawWebhook();
    }),
    card('Last 24 hours', h('p', { class: 'hint' }, 'Every attempt, test deliveries included, by the hour it started (your time).'), charts),
    log.element);
  await Promise.all([refreshStats(), log.reload()]);
  return view;
}

function settingsCard(webhook, titles) {
  return card('Settings',
    h('dl', { class: 'facts' },
      fact('Endpoint', h('code', { class: 'wrap' }, webhook.url)),
      fact('Events', h('div', {}, h('p', {}, plural(webhook.events.length, 'event')),
        h('ul', { class: 'chips' }, webhook.events.map(e => h('li', { title: e }, titles.get(e) ?? e))))),
      fact('Secret', webhook.has_secret
        ? h('div', {}, 'Set (write-only)', webhook.secret_rotation_ends_at
          ? h('p', { class: 'rotation-note' }, 'Rotated: the previous secret also signs until ', time(webhook.secret_rotation_ends_at, 'full'), '.')
          : null)
        : h('span', { class: 'muted' }, webhook.public_key ? 'None: deliveries carry only the Ed25519 signature' : 'None: deliveries are not signed')),
      fact('Signature scheme', webhook.signature_scheme === 'ed25519'
        ? `Ed25519 (v1a)${webhook.has_secret ? ' and HMAC-SHA256 (v1)' : ''}`
        : 'HMAC-SHA256 (v1)'),
      webhook.public_key ? fact('Public key', h('div', { class: 'public-key' }, copyable(webhook.public_key, 'Public key'),
        h('p', { class: 'hint' }, 'Receivers verify the v1a signature with it.'))) : null,
      fact('Notify email', webhook.notify_email ?? h('span', { class: 'muted' }, 'The workspace owner')),
      fact('Rate limit', webhook.rate_limit ? `${webhook.rate_limit.toLocaleString()} per second` : h('span', { class: 'muted' }, 'None')),
      fact('Order', webhook.ordered ? 'Ordered: one at a time, in the order accepted' : h('span', { class: 'muted' }, 'Unordered: several at a time')),
      fact('Created', time(webhook.created_at, 'full')),
      fact('Updated', time(webhook.updated_at, 'full')),
      fact('Webhook id', h('code', {}, webhook.id))));
}

function healthCard(webhook) {
  return card('Health',
    h('dl', { class: 'facts' },
      fact('Status', webhookBadge(webhook)),
      webhook.enabled ? null : fact('Disabled', [REASONS[webhook.disabled_reason] ?? webhook.disabled_reason, ', ', time(webhook.disabled_at, 'full')]),
      fact('Failure streak', webhook.failing_since ? health(webhook).firstChild : h('span', { class: 'muted' }, 'None')),
      fact('Last success', time(webhook.last_success_at, 'full')),
      fact('Last failure', time(webhook.last_failure_at, 'full')),
      fact('Last error', webhook.last_error
        ? h('span', { class: recovered(webhook) ? '' : 'error-text' }, webhook.last_error, recovered(webhook) ? h('span', { class: 'muted' }, ' (since succeeded)') : null)
        : h('span', { class: 'muted' }, 'None'))),
    h('p', { class: 'hint' }, 'A webhook is disabled at once when its endpoint times out (15 s) or answers 410, and after 2 days of failures without a success; its owner is emailed.'));
}

function recovered(webhook) {
  return webhook.last_success_at && webhook.last_failure_at && webhook.last_success_at > webhook.last_failure_at;
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

/**
 * "Rotate secret": a new secret now, the old one still signing for the chosen overlap. A generated secret is
 * shown here once; the webhook's page shows until when the old one signs.
 */
function rotateCard(path, onRotated) {
  const overlap = h('select', { id: 'rotate-overlap', name: 'overlap' },
    h('option', { value: 'PT0S' }, 'None: the old secret stops at once'),
    h('option', { value: 'PT1H' }, '1 hour'),
    h('option', { value: 'PT24H', selected: true }, '24 hours'),
    h('option', { value: 'P7D' }, '7 days'));
  const button = h('button', { type: 'submit', class: 'button' }, 'Rotate secret');
  const result = h('div', { class: 'rotate-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form' },
    h('div', { class: 'field', dataset: { field: 'overlap' } }, h('label', { for: 'rotate-overlap' }, 'Old secret keeps signing for'), overlap,
      h('p', { class: 'field-error', hidden: true })),
    button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!confirm('Rotate the secret? Deliveries get the new secret at once; receivers must learn it before the overlap ends.')) return;
    button.disabled = true;
    try {
      const { secret, webhook } = await post(`${path}/rotate-secret`, { overlap: overlap.value });
      replace(result, h('div', { class: 'notice notice-ok' },
        h('p', {}, 'The new secret, shown only now: give it to the receiver.'),
        copyable(secret, 'New secret')));
      onRotated(webhook);
    } catch (e) {
      replace(result, e instanceof ApiError && e.status === 503 ? null : failure(e));
    } finally {
      button.disabled = false;
    }
  });
  return card('Rotate secret',
    h('p', { class: 'hint' }, 'Generates a new whsec_ secret (and, for Ed25519, a new key pair). Until the overlap ends every delivery carries the new and the old signature, so receivers can switch without missing one.'),
    form, result);
}

function testCard(path, webhook, groups, titles, onSent) {
  const select = h('select', { id: 'test-event', name: 'event_name' },
    h('optgroup', { label: 'Subscribed' }, webhook.events.map(e => h('option', { value: e }, `${titles.get(e) ?? e} (${e})`))),
    groups.map(({ group, types }) => h('optgroup', { label: group },
      types.filter(t => !webhook.events.includes(t.name)).map(t => h('option', { value: t.name }, `${t.title} (${t.name})`)))));
  const button = h('button', { type: 'submit', class: 'button primary' }, 'Send test');
  const result = h('div', { class: 'test-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form' },
    h('div', { class: 'field' }, h('label', { for: 'test-event' }, 'Event type'), select), button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    replace(result, h('p', { class: 'muted' }, 'Sending…'));
    try {
      const delivery = await post(`${path}/test`, { event_name: select.value });
      const attempt = delivery.attempts[0];
      replace(result, h('div', { class: `notice ${delivery.status === 'succeeded' ? 'notice-ok' : 'notice-bad'}` },
        h('p', {}, deliveryBadge(delivery.status), ' ',
          attempt.response_status ? `HTTP ${attempt.response_status}` : 'No response', ` in ${duration(attempt.duration_ms)}`,
          ' · ', h('code', {}, delivery.id)),
        attempt.error ? h('p', { class: 'error-text' }, attempt.error) : null,
        attempt.response_body ? h('pre', { class: 'body small-pre' }, attempt.response_body) : null));
      onSent();
    } catch (e) {
      replace(result, e instanceof ApiError && e.status === 503 ? null : failure(e));
    } finally {
      button.disabled = false;
    }
  });
  return card('Send test', h('p', { class: 'hint' }, "Sends the event type's example payload now, signed like any delivery. A test never changes the webhook's health."), form, result);
}

