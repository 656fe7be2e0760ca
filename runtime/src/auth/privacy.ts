/**
 * Personal-data rules of a sensitive service (the plan's `privacy`, from alur:privacy): pure
 * decisions over a principal. A restricted field or document is seen only by the roles listed
 * for it, admins and heads included, so a case read never hands it to anyone else.
 */
import { CasePrivacy, PURGED_VALUE } from "@alur/shared/schemas";
import type { Principal } from "./principal";

function hasOne(p: Pick<Principal, "roles">, roles: readonly string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/**
 * The plan's `privacy` as stored (undefined when the service has none). Plans are validated when
 * deployed; one that no longer parses is treated as sensitive with nothing restricted, so its
 * reads are still audited.
 */
export function parsePrivacy(raw: unknown): CasePrivacy | undefined {
  if (raw === null || raw === undefined) return undefined;
  const parsed = CasePrivacy.safeParse(raw);
  return parsed.success ? parsed.data : { sensitive: true, fields: {}, documents: {} };
}

/** Field names the principal may not see in cases of this service. */
export function hiddenFields(privacy: CasePrivacy | undefined, p: Pick<Principal, "roles">): Set<string> {
  if (!privacy) return new Set();
  return new Set(Object.entries(privacy.fields).flatMap(([field, roles]) => (hasOne(p, roles) ? [] : [field])));
}

/** True when the principal may see and download documents of this requirement. */
export function canSeeDocument(privacy: CasePrivacy | undefined, p: Principal, requirementId: string | null): boolean {
  const roles = requirementId === null ? undefined : privacy?.documents[requirementId];
  return roles === undefined || hasOne(p, roles);
}

/**
 * The value without the hidden keys, at any depth (form data nests, timeline data carries it);
 * with a `replacement`, the keys stay and their values become it.
 */
export function redact<T>(value: T, hidden: ReadonlySet<string>, replacement?: unknown): T {
  if (hidden.size === 0) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, hidden, replacement)) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) =>
      hidden.has(k) ? (replacement === undefined ? [] : [[k, replacement]]) : [[k, redact(v, hidden, replacement)]],
    ),
  ) as T;
}

/** Keys whose values are personal data once a case is past retention: the restricted fields and the applicant. */
function personalKeys(privacy: CasePrivacy | undefined): Set<string> {
  return new Set(["applicant", ...Object.keys(privacy?.fields ?? {})]);
}

/** The value with every personal-data key's value replaced by PURGED_VALUE, at any depth. */
export function purgePersonal<T>(value: T, privacy: CasePrivacy | undefined): T {
  return redact(value, personalKeys(privacy), PURGED_VALUE);
}

/** A case's applicant after retention: every field kept by name, each value PURGED_VALUE. */
export function purgeApplicant(applicant: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(applicant).map((k) => [k, PURGED_VALUE]));
}
