// The event types of GET /v1/event-types, in their groups (SPEC §7), fetched once per page load.
import { get } from './api.js';

let loading = null;

/** [{group, types: [{name, group, title}]}] in the catalog's order. */
export function eventGroups() {
  loading ??= get('/v1/event-types').then(({ items }) => {
    const groups = new Map();
    for (const type of items) {
      if (!groups.has(type.group)) groups.set(type.group, { group: type.group, types: [] });
      groups.get(type.group).types.push(type);
    }
    return [...groups.values()];
  }).catch(error => {
    loading = null;
    throw error;
  });
  return loading;
}

export async function eventTitles() {
  const titles = new Map();
  for (const { types } of await eventGroups()) {
    for (const type of types) titles.set(type.name, type.title);
  }
  return titles;
}
