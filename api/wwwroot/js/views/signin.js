import { ApiError, get } from '../api.js';
import { h } from '../dom.js';
import { session } from '../session.js';
import { field } from '../ui.js';
import { go } from '../nav.js';

/** Sign-in with a workspace token, or the admin token (which then chooses a workspace). */
export function signInView(message) {
  const input = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const tokenField = field({
    label: 'Token', name: 'token', input,
    hint: 'A workspace token, or the admin token to choose a workspace first. It is kept in this browser tab only.',
  });
  const button = h('button', { type: 'submit', class: 'button primary' }, 'Sign in');
  const form = h('form', { class: 'stack', novalidate: true }, tokenField, button);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const token = input.value.trim();
    const error = tokenField.querySelector('.field-error');
    const fail = text => {
      error.textContent = text;
      error.hidden = false;
      tokenField.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    };
    if (!token) {
      fail('Enter a token.');
      return;
    }
    button.disabled = true;
    try {
      // A workspace token lists its projects; the admin token is told to name a workspace (403).
      await get('/v1/projects', { token });
      session.signIn(token, false);
      go('/projects');
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        session.signIn(token, true);
        go('/workspaces');
      } else if (e instanceof ApiError && e.status === 401) {
        fail('This token is not valid.');
      } else {
        fail(e.message);
      }
    } finally {
      button.disabled = false;
    }
  });

  return h('div', { class: 'signin' },
    h('div', { class: 'card signin-card' },
      h('h1', {}, 'Sign in'),
      h('p', { class: 'muted' }, 'Manage the webhooks of your projects: where events go, their health and their delivery log.'),
      message ? h('p', { class: 'notice notice-warn', role: 'alert' }, message) : null,
      form));
}
