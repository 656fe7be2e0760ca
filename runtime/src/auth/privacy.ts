/**
 * Personal-data rules of a sensitive service (the plan's `privacy`, from alur:privacy): pure
 * decisions over a principal. A restricted field or document is seen only by the roles listed
 * for it, admins and heads included, so a case read never hands it to anyone else.
 */
import type { CasePrivacy } from "@alur/shared/schemas";
import type { Principal } from "./principal";

function hasOne(p: Principal, roles: readonly string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Field names the principal may not see in cases of this service. */
export function hiddenFields(privacy: CasePrivacy | undefined, p: Principal): Set<string> {
  if (!privacy) return new Set();
  return new Set(Object.entries(privacy.fields).flatMap(([field, roles]) => (hasOne(p, roles) ? [] : [field])));
}

/** True when the principal may see and download documents of this requirement. */
export function canSeeDocument(privacy: CasePrivacy | undefined, p: Principal, requirementId: string | null): boolean {
  const roles = requirementId === null ? undefined : privacy?.documents[requirementId];
  return roles === undefined || hasOne(p, roles);
}

/** The value without the hidden keys, at any depth (form data nests, timeline data carries it). */
export function redact<T>(value: T, hidden: ReadonlySet<string>): T {
  if (hidden.size === 0) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, hidden)) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !hidden.has(k))
      .map(([k, v]) => [k, redact(v, hidden)]),
  ) as T;
}
