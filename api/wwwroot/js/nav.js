// Moving between views: the address (#/...) says which one is shown, and the shell listens for its changes.
export function go(path) {
  if (location.hash === `#${path}`) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = path;
  }
}
