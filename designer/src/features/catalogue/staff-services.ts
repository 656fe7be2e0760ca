/**
 * The services staff pick from (inbox and case-list filters): those that ever ran cases, i.e.
 * with a published (or since retired) version. Drafts and never-published test services are the
 * admins' work in progress and have no cases to find.
 */
export interface ServiceOption {
  processId: string;
  name: string;
  version: number;
}

/** One entry per process with a published or retired version, named after the newest of those, by name. */
export function staffServices(
  items: readonly { processId: string; name: string; version: number; status: string }[],
): ServiceOption[] {
  const newest = new Map<string, ServiceOption>();
  for (const v of items) {
    if (v.status !== "published" && v.status !== "retired") continue;
    const seen = newest.get(v.processId);
    if (!seen || seen.version < v.version)
      newest.set(v.processId, { processId: v.processId, name: v.name, version: v.version });
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
}
