import { ApiError, get, post } from '../api.js';
import { h } from '../dom.js';
import { projectsPath, session } from '../session.js';
import { breadcrumbs, card, clearErrors, errorSummary, field, showErrors, time } from '../ui.js';
import { go } from '../nav.js';

/** The workspace's projects, and a form to add one. */
export async function projectsView() {
  const { items } = await get(projectsPath());
  const crumbs = session.admin
    ? breadcrumbs({ text: 'Workspaces', href: '#/workspaces' }, { text: session.workspace.name ?? session.workspace.id })
    : breadcrumbs({ text: 'Projects' });
  const list = items.length
    ? h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Projects'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Code'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Created'))),
      h('tbody', {}, items.map(p => h('tr', {},
        h('td', {}, h('a', { href: `#/projects/${encodeURIComponent(p.code)}`, class: 'strong' }, p.code)),
        h('td', {}, p.title),
        h('td', {}, time(p.created_at))))))
    : h('p', { class: 'empty' }, 'No projects yet. Create the first one to add its webhooks.');

  return h('div', {},
    crumbs,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Projects'),
      h('p', { class: 'muted' }, 'Choose a project to manage its webhooks (Settings → Webhooks).'))),
    h('div', { class: 'grid sidebar' }, card('All projects', list), createCard()));
}

function createCard() {
  const code = h('input', { type: 'text', autocomplete: 'off', maxlength: 10, spellcheck: 'false', class: 'upper' });
  const title = h('input', { type: 'text', autocomplete: 'off', maxlength: 255 });
  const form = h('form', { class: 'stack', novalidate: true },
    errorSummary(),
    field({ label: 'Code', name: 'code', input: code, hint: '2 to 10 letters and digits, starting with a letter (DEMO, QA2).' }),
    field({ label: 'Title', name: 'title', input: title }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Create project')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    try {
      const project = await post(projectsPath(), { code: code.value.trim(), title: title.value });
      go(`/projects/${encodeURIComponent(project.code)}`);
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : { title: e.message };
      if (e.status === 409) problem.errors = { code: [problem.detail ?? 'A project has this code already.'] };
      showErrors(form, problem, form.querySelector('.error-summary'));
    }
  });
  return card('New project', form);
}
