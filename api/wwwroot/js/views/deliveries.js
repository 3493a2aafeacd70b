import { ApiError, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { duration, pretty } from '../format.js';
import { card, deliveryBadge, failure, time, toast } from '../ui.js';

const PAGE = 20;

/**
 * The delivery log of a webhook: newest first, a status filter, pages by cursor; each delivery opens to
 * its attempts and the request that was sent, and can be sent again. Also "recover failed since…".
 */
export function deliveryLog(webhookPath, { onChange }) {
  const status = h('select', { id: 'log-status' },
    [['', 'All'], ['pending', 'Pending'], ['succeeded', 'Succeeded'], ['failed', 'Failed']].map(([value, text]) => h('option', { value }, text)));
  const refresh = h('button', { type: 'button', class: 'button' }, 'Refresh');
  const body = h('div', { class: 'log-body' });
  const pager = h('div', { class: 'pager' });
  let cursors = [null]; // cursors[i] opens page i
  let page = 0;
  let pendingShown = 0;
  let timer = null;
  const expanded = new Set(); // deliveries whose details stay open across reloads

  const since = h('input', { type: 'datetime-local', id: 'recover-since', step: 1, value: localInput(new Date(Date.now() - 24 * 3600 * 1000)) });
  const recoverResult = h('span', { class: 'small', 'aria-live': 'polite' });
  const recover = h('form', { class: 'inline-form' },
    h('div', { class: 'field' }, h('label', { for: 'recover-since' }, 'Recover failed since'), since),
    h('button', { type: 'submit', class: 'button' }, 'Recover'), recoverResult);
  recover.addEventListener('submit', async event => {
    event.preventDefault();
    if (!since.value) return;
    try {
      const { count } = await post(`${webhookPath}/recover`, { since: new Date(since.value).toISOString() });
      recoverResult.textContent = count === 1 ? '1 delivery is sent again.' : `${count} deliveries are sent again.`;
      await load();
      onChange();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 503)) recoverResult.textContent = e.message;
    }
  });

  async function load() {
    clearTimeout(timer);
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (status.value) query.set('status', status.value);
    if (cursors[page]) query.set('cursor', cursors[page]);
    body.setAttribute('aria-busy', 'true');
    try {
      const { items, next_cursor: next } = await get(`${webhookPath}/deliveries?${query}`);
      cursors[page + 1] = next;
      // While deliveries on the first page are pending, look again now and then; when some finish, the
      // webhook's health and the charts are read again too.
      const pending = items.filter(d => d.status === 'pending').length;
      if (pending < pendingShown) onChange();
      pendingShown = pending;
      if (pending > 0 && page === 0) {
        timer = setTimeout(() => { if (body.isConnected) load(); }, 2000);
      }
      const focused = body.contains(document.activeElement) ? document.activeElement.closest('tbody')?.dataset.deliveryId : null;
      replace(body, items.length ? table(items) : h('p', { class: 'empty' }, status.value ? `No ${status.value} deliveries.` : 'No deliveries yet. Send a test, or publish an event the webhook subscribes to.'));
      if (focused) body.querySelector(`tbody[data-delivery-id="${CSS.escape(focused)}"] .disclosure`)?.focus();
      replace(pager,
        h('button', { type: 'button', class: 'button small', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '← Newer'),
        h('span', { class: 'small muted' }, `Page ${page + 1}`),
        h('button', { type: 'button', class: 'button small', disabled: !next, onclick: () => { page += 1; load(); } }, 'Older →'));
    } catch (e) {
      replace(body, failure(e));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  function table(items) {
    return h('table', { class: 'table log' },
      h('caption', { class: 'visually-hidden' }, 'Deliveries, newest first'),
      h('thead', {}, h('tr', {}, ['', 'Created', 'Event', 'Status', 'Attempts', 'Response', 'Duration', 'Next attempt or error']
        .map(t => h('th', { scope: 'col' }, t)))),
      items.map(delivery => rows(delivery)));
  }

  function rows(delivery) {
    const detailsId = `delivery-${delivery.id}`;
    const detailCell = h('td', { colspan: 8 });
    const detailRow = h('tr', { class: 'details-row', id: detailsId, hidden: true }, detailCell);
    const toggle = h('button', {
      type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': detailsId,
      'aria-label': `Details of ${delivery.event_name} delivery ${delivery.id}`,
    }, h('span', { 'aria-hidden': 'true' }, '▸'));
    const setOpen = async open => {
      toggle.setAttribute('aria-expanded', String(open));
      detailRow.hidden = !open;
      if (open) {
        expanded.add(delivery.id);
        replace(detailCell, h('p', { class: 'muted' }, 'Loading…'));
        try {
          replace(detailCell, details(await get(`${webhookPath}/deliveries/${encodeURIComponent(delivery.id)}`)));
        } catch (e) {
          replace(detailCell, failure(e));
        }
      } else {
        expanded.delete(delivery.id);
      }
    };
    toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
    if (expanded.has(delivery.id)) setOpen(true);
    const main = h('tr', { class: 'delivery' },
      h('td', {}, toggle),
      h('td', {}, time(delivery.created_at)),
      h('td', {}, h('code', {}, delivery.event_name)),
      h('td', {}, deliveryBadge(delivery.status)),
      h('td', { class: 'num' }, delivery.attempt_count),
      h('td', { class: 'num' }, delivery.response_status ?? '—'),
      h('td', { class: 'num' }, duration(delivery.duration_ms)),
      h('td', { class: 'clip' }, delivery.status === 'pending' && delivery.next_attempt_at
        ? ['Next ', time(delivery.next_attempt_at)]
        : delivery.error ? h('span', { class: 'error-text', title: delivery.error }, delivery.error) : ''));
    return h('tbody', { dataset: { deliveryId: delivery.id } }, main, detailRow);
  }

  function details(delivery) {
    const redeliver = h('button', { type: 'button', class: 'button small' }, 'Redeliver');
    const redeliverResult = h('span', { class: 'small', role: 'status' });
    redeliver.addEventListener('click', async () => {
      redeliver.disabled = true;
      try {
        await post(`${webhookPath}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
        toast('The delivery is sent again, under the same delivery id.');
        pendingShown += 1; // it is pending now: the log follows it until it is done
        await load();
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 503)) redeliverResult.textContent = e.message;
      } finally {
        redeliver.disabled = false;
      }
    });
    const request = delivery.request;
    return h('div', { class: 'delivery-details' },
      h('div', { class: 'details-head' },
        h('p', {}, h('strong', {}, 'Delivery '), h('code', {}, delivery.id), ' · event ', h('code', {}, delivery.event_id)),
        h('div', { class: 'actions' }, redeliver, redeliverResult)),
      h('h3', {}, `Attempts (${delivery.attempts.length})`),
      delivery.attempts.length
        ? h('table', { class: 'table compact attempts' },
          h('thead', {}, h('tr', {}, ['Time', 'Status', 'Duration', 'Error', 'Response body'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, delivery.attempts.slice().reverse().map(a => h('tr', {},
            h('td', {}, time(a.at, 'full')),
            h('td', {}, a.response_status ?? h('span', { class: 'muted' }, 'none')),
            h('td', { class: 'num' }, duration(a.duration_ms)),
            h('td', {}, a.error ? h('span', { class: 'error-text' }, a.error) : h('span', { class: 'muted' }, '—')),
            h('td', {}, a.response_body ? h('pre', { class: 'body small-pre' }, a.response_body) : h('span', { class: 'muted' }, 'empty'))))))
        : h('p', { class: 'muted' }, 'Not attempted yet.'),
      request ? [
        h('h3', {}, 'Request'),
        h('p', {}, h('span', { class: 'badge badge-neutral' }, 'POST'), ' ', h('code', { class: 'wrap' }, request.url)),
        h('table', { class: 'table compact headers' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Header'), h('th', { scope: 'col' }, 'Value'))),
          h('tbody', {}, Object.entries(request.headers ?? {}).map(([name, value]) => h('tr', {}, h('td', {}, h('code', {}, name)), h('td', {}, h('code', { class: 'wrap' }, value)))))),
        h('pre', { class: 'body' }, pretty(request.body ?? '')),
      ] : null);
  }

  status.addEventListener('change', () => {
    cursors = [null];
    page = 0;
    load();
  });
  refresh.addEventListener('click', () => load());

  const element = card('Delivery log',
    h('div', { class: 'toolbar' },
      h('div', { class: 'inline-form' }, h('div', { class: 'field' }, h('label', { for: 'log-status' }, 'Status'), status), refresh),
      recover),
    body,
    pager);
  return { element, reload: () => { cursors = [null]; page = 0; return load(); } };
}

function localInput(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
