// The page's only way to the service: the public REST API with the session's token.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `The service answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
    this.retryAfter = retryAfter;
  }
}

const listeners = { unauthorized: () => {}, unavailable: () => {}, available: () => {} };

/** What the shell does when the token stops working (401) or the service is down (503, no answer). */
export function onServiceState(handlers) {
  Object.assign(listeners, handlers);
}

/**
 * Calls the API. A 401 signs the tab out (unless a token is being tried), a 503 or no answer says the
 * service is unavailable; other errors come back as ApiError with the problem's field errors.
 */
export async function api(method, path, body, options = {}) {
  const token = options.token ?? session.token;
  const headers = { Accept: 'application/json' };
  if (token) headers.Token = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    // credentials: 'omit' keeps a browser's remembered dashboard password off every API call.
    response = await fetch(path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    listeners.unavailable(null);
    throw new ApiError(0, { title: 'The service cannot be reached', detail: 'The service cannot be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 200) };
    }
  }
  if (response.status === 503) {
    const retryAfter = response.headers.get('Retry-After');
    listeners.unavailable(retryAfter);
    throw new ApiError(503, data ?? { title: 'Service unavailable' }, retryAfter);
  }
  listeners.available();
  if (response.status === 401 && options.token === undefined) {
    listeners.unauthorized();
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body, options);
export const patch = (path, body) => api('PATCH', path, body);
export const del = path => api('DELETE', path);
