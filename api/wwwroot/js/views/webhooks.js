import { ApiError, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { projectsPath, session } from '../session.js';
import { breadcrumbs, enableSwitch, time, toast, webhookBadge } from '../ui.js';
import { plural } from '../format.js';

export function projectCrumbs(project, ...more) {
  const root = session.admin
    ? [{ text: session.workspace.name ?? session.workspace.id, href: '#/projects' }]
    : [{ text: 'Projects', href: '#/projects' }];
  return breadcrumbs(...root, { text: project.code, href: more.length ? `#/projects/${encodeURIComponent(project.code)}` : null }, ...more);
}

export function webhookPath(code, id = '') {
  return `${projectsPath()}/${encodeURIComponent(code)}/webhooks${id ? `/${encodeURIComponent(id)}` : ''}`;
}

/** Enables or disables a webhook; answers the webhook as it is now (a refusal is told, not thrown). */
export async function toggle(webhook, wanted) {
  try {
    const updated = await post(`${webhookPath(webhook.project_code, webhook.id)}/${wanted ? 'enable' : 'disable'}`);
    toast(`${updated.title} is ${wanted ? 'enabled' : 'disabled'}.`);
    return updated;
  } catch (e) {
    if (e instanceof ApiError && e.status !== 503) toast(e.message, 'bad');
    return webhook;
  }
}

/** A project's webhooks: a table with their health and an enable switch each (Settings → Webhooks). */
export async function webhooksView(code) {
  const [project, { items }] = await Promise.all([
    get(`${projectsPath()}/${encodeURIComponent(code)}`),
    get(webhookPath(code)),
  ]);
  const newLink = h('a', { class: 'button primary', href: `#/projects/${encodeURIComponent(project.code)}/webhooks/new` }, 'Create new webhook');
  const body = items.length
    ? h('table', { class: 'table webhooks' },
      h('caption', { class: 'visually-hidden' }, `Webhooks of ${project.code}`),
      h('thead', {}, h('tr', {},
        ['Title', 'Endpoint', 'Events', 'Status', 'Health', 'Enabled'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map(row)))
    : h('div', { class: 'empty' }, h('p', {}, 'No webhooks yet. A webhook sends the events you choose to an endpoint of yours.'), newLink.cloneNode(true));

  return h('div', {},
    projectCrumbs(project, { text: 'Webhooks' }),
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Webhooks'), h('p', { class: 'muted' }, `${project.code} · ${project.title}`)),
      items.length ? newLink : null),
    h('div', { class: 'card flush' }, body));
}

function row(webhook) {
  const tr = h('tr', { dataset: { webhookId: webhook.id } });
  const fill = current => replace(tr,
    h('td', {}, h('a', { class: 'strong', href: `#/projects/${encodeURIComponent(current.project_code)}/webhooks/${encodeURIComponent(current.id)}` }, current.title)),
    h('td', { class: 'endpoint' }, h('code', { title: current.url }, current.url)),
    h('td', { class: 'num' }, plural(current.events.length, 'event')),
    h('td', {}, webhookBadge(current)),
    h('td', {}, health(current)),
    h('td', {}, enableSwitch(current, async wanted => fill(await toggle(current, wanted)))));
  fill(webhook);
  return tr;
}

export function health(webhook) {
  return h('div', { class: 'health' },
    webhook.failing_since
      ? h('p', { class: 'warning' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'Failing since ', time(webhook.failing_since))
      : null,
    h('p', { class: 'small' }, webhook.last_success_at ? ['Last success ', time(webhook.last_success_at)] : h('span', { class: 'muted' }, 'No success yet')));
}
