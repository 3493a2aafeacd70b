import { ApiError, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { session } from '../session.js';
import { breadcrumbs, card, clearErrors, errorSummary, field, showErrors } from '../ui.js';
import { go } from '../nav.js';

const PLANS = ['free', 'startup', 'business', 'enterprise'];

/** The admin token's first step: open a workspace by id, or create one. */
export async function workspacesView() {
  if (!session.admin) {
    go('/projects');
    return h('p', {}, 'Redirecting…');
  }
  return h('div', {},
    breadcrumbs({ text: 'Workspaces' }),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Choose a workspace'),
      h('p', { class: 'muted' }, 'Signed in with the admin token: pick the workspace whose projects you want to manage.'))),
    h('div', { class: 'grid two' }, openCard(), createCard()),
    recentCard());
}

function openWorkspace(workspace) {
  session.chooseWorkspace({ id: workspace.id, name: workspace.name });
  go('/projects');
}

function openCard() {
  const id = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'ws_…' });
  const form = h('form', { class: 'stack', novalidate: true },
    errorSummary(),
    field({ label: 'Workspace id', name: 'workspace_id', input: id, hint: 'As answered when the workspace was created.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Open')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const value = id.value.trim();
    if (!value) {
      showErrors(form, { title: 'Enter a workspace id.', errors: { workspace_id: ['is required.'] } });
      return;
    }
    try {
      openWorkspace(await get(`/v1/workspaces/${encodeURIComponent(value)}`));
    } catch (e) {
      const message = e instanceof ApiError && e.status === 404 ? 'No workspace has this id.' : e.message;
      showErrors(form, { title: message, errors: { workspace_id: [message] } });
    }
  });
  return card('Open a workspace', form);
}

function createCard() {
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 255 });
  const plan = h('select', {}, PLANS.map(p => h('option', { value: p, selected: p === 'startup' }, p[0].toUpperCase() + p.slice(1))));
  const owner = h('input', { type: 'email', autocomplete: 'off' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', novalidate: true },
    errorSummary(),
    field({ label: 'Name', name: 'name', input: name }),
    field({ label: 'Plan', name: 'plan', input: plan, hint: 'Webhooks need a paid plan (Startup, Business or Enterprise).' }),
    field({ label: 'Owner email', name: 'owner_email', input: owner, hint: 'Told when a webhook is disabled automatically.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Create workspace')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    try {
      const created = await post('/v1/workspaces', { name: name.value, plan: plan.value, owner_email: owner.value });
      replace(result, h('div', { class: 'notice notice-ok' },
        h('p', {}, h('strong', {}, 'Workspace created. '), 'Its first token is shown this once: keep it now.'),
        h('p', {}, h('code', { class: 'token' }, created.token)),
        h('button', { type: 'button', class: 'button primary', onclick: () => openWorkspace(created) }, `Open ${created.name}`)));
      form.reset();
    } catch (e) {
      showErrors(form, e instanceof ApiError ? e.problem : { title: e.message }, form.querySelector('.error-summary'));
    }
  });
  return card('Create a workspace', form, result);
}

function recentCard() {
  const recent = session.recentWorkspaces;
  if (!recent.length) return null;
  return card('Opened in this tab',
    h('ul', { class: 'plain-list' }, recent.map(w => h('li', {},
      h('button', { type: 'button', class: 'link-button', onclick: () => openWorkspace(w) }, w.name ?? w.id),
      ' ', h('code', { class: 'muted' }, w.id)))));
}

