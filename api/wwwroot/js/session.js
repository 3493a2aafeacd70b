// The token lives in sessionStorage: this browser tab only, gone when the tab closes.
const KEY = 'qase-webhooks.session';

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? {};
  } catch {
    return {};
  }
}

function write(value) {
  sessionStorage.setItem(KEY, JSON.stringify(value));
}

export const session = {
  get token() { return read().token ?? null; },
  get admin() { return read().admin === true; },
  get workspace() { return read().workspace ?? null; },
  get recentWorkspaces() { return read().recent ?? []; },

  signIn(token, admin) {
    write({ token, admin, workspace: null, recent: [] });
  },

  /** The admin's choice: every project route then goes through /v1/workspaces/{id}/projects. */
  chooseWorkspace(workspace) {
    const state = read();
    const recent = [workspace, ...(state.recent ?? []).filter(w => w.id !== workspace.id)].slice(0, 8);
    write({ ...state, workspace, recent });
  },

  leaveWorkspace() {
    write({ ...read(), workspace: null });
  },

  signOut() {
    sessionStorage.removeItem(KEY);
  },
};

/** Where a project route starts for this session. */
export function projectsPath() {
  return session.admin
    ? `/v1/workspaces/${encodeURIComponent(session.workspace.id)}/projects`
    : '/v1/projects';
}
