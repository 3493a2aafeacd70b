import { ApiError, del, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { eventGroups, eventTitles } from '../catalog.js';
import { attemptsChart, latencyChart, statsTable } from '../charts.js';
import { duration, plural } from '../format.js';
import { projectsPath } from '../session.js';
import { card, deliveryBadge, enableSwitch, failure, REASONS, time, toast, webhookBadge } from '../ui.js';
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
      fact('Secret', webhook.has_secret ? 'Set (write-only)' : h('span', { class: 'muted' }, 'None: deliveries are not signed')),
      fact('Notify email', webhook.notify_email ?? h('span', { class: 'muted' }, 'The workspace owner')),
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

