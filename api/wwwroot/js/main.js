// The shell: who is signed in, the service's state, and which view the address shows (#/...).
import { onServiceState } from './api.js';
import { h, replace } from './dom.js';
import { go } from './nav.js';
import { session } from './session.js';
import { failure } from './ui.js';
import { signInView } from './views/signin.js';
import { workspacesView } from './views/workspaces.js';
import { projectsView } from './views/projects.js';
import { webhooksView } from './views/webhooks.js';
import { webhookFormView } from './views/webhook-form.js';
import { webhookView } from './views/webhook.js';

const routes = [
  [/^\/workspaces$/, workspacesView],
  [/^\/projects$/, projectsView],
  [/^\/projects\/([^/]+)$/, webhooksView],
  [/^\/projects\/([^/]+)\/webhooks\/new$/, webhookFormView],
  [/^\/projects\/([^/]+)\/webhooks\/([^/]+)\/edit$/, webhookFormView],
  [/^\/projects\/([^/]+)\/webhooks\/([^/]+)$/, webhookView],
];

const main = document.getElementById('main');
let signedOutMessage = null;
let rendering = 0;

function home() {
  if (!session.token) return null;
  return session.admin && !session.workspace ? '/workspaces' : '/projects';
}

async function render() {
  const ticket = ++rendering;
  updateHeader();
  let path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  if (!session.token) {
    replace(main, signInView(signedOutMessage));
    signedOutMessage = null;
    focusHeading();
    return;
  }
  if (path === '/' || (path !== '/workspaces' && session.admin && !session.workspace)) {
    path = home();
    history.replaceState(null, '', `#${path}`);
  }
  const route = routes.find(([pattern]) => pattern.test(path));
  if (!route) {
    replace(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the projects')));
    focusHeading();
    return;
  }
  const params = path.match(route[0]).slice(1);
  replace(main, h('p', { class: 'loading', 'aria-busy': 'true' }, 'Loading…'));
  try {
    const view = await route[1](...params);
    if (ticket !== rendering) return; // the reader moved on meanwhile
    replace(main, view);
  } catch (error) {
    if (ticket !== rendering || !session.token) return;
    replace(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), failure(error));
  }
  focusHeading();
}

function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    document.title = `${heading.textContent} · Qase webhooks`;
  }
}

function updateHeader() {
  const who = document.getElementById('who');
  const signedIn = Boolean(session.token);
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('dashboard-link').hidden = !(signedIn && session.admin);
  if (!signedIn) {
    replace(who);
  } else if (session.admin) {
    replace(who, h('span', { class: 'badge badge-neutral' }, 'Admin'),
      session.workspace ? [' ', h('a', { href: '#/workspaces', title: 'Choose another workspace' }, session.workspace.name ?? session.workspace.id)] : null);
  } else {
    replace(who, h('span', { class: 'badge badge-neutral' }, 'Workspace token'));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  go('/');
});

onServiceState({
  unauthorized() {
    if (!session.token) return;
    session.signOut();
    signedOutMessage = 'The token is no longer accepted. Sign in again.';
    go('/');
  },
  unavailable(retryAfter) {
    const alert = document.getElementById('service-alert');
    alert.textContent = retryAfter
      ? `The service is unavailable right now. Try again in ${retryAfter} s.`
      : 'The service is unavailable right now. Try again in a moment.';
    alert.hidden = false;
  },
  available() {
    document.getElementById('service-alert').hidden = true;
  },
});

window.addEventListener('hashchange', render);
render();
