/**
 * Who may work on a user task and by when, as Camunda 8 defines it (zeebe:assignmentDefinition,
 * zeebe:taskSchedule): static values or FEEL, evaluated against the task's scope when it opens.
 * Whether the named roles and users exist is the directory's business: the adapter checks that
 * when it stores the task and reports `taskRefused` if they do not.
 */
import type { UserTaskSpec, ValueOrFeel } from "@alur/shared/plan";
import type { Variables } from "@alur/shared/schemas";
import { roleIds } from "@alur/shared/schemas";
import type { Outcome } from "./timers";
import type { Iso } from "./types";
import { feel } from "./variables";

export interface Assignment {
  /** Candidate role ids, lower-cased. */
  roles: string[];
  /** Candidate usernames. */
  candidateUsers: string[];
  /** The username the task is assigned to on opening. */
  assignee: string | null;
}

export interface Schedule {
  dueAt: Iso | null;
  followUpAt: Iso | null;
}

/** Evaluates a task's assignment; an error names the attribute and the value. */
export function evaluateAssignment(spec: UserTaskSpec, context: Variables): Outcome<Assignment> {
  const groups = spec.rolesExpression ? names(spec.rolesExpression, "candidateGroups", context) : ok([]);
  if (!groups.ok) return groups;
  const users = spec.candidateUsersExpression
    ? names(spec.candidateUsersExpression, "candidateUsers", context)
    : ok([]);
  if (!users.ok) return users;
  const assignee = assigneeOf(spec.assignee, context);
  if (!assignee.ok) return assignee;
  const roles = roleIds([...spec.roles, ...groups.value]);
  const candidateUsers = unique([...(spec.candidateUsers ?? []), ...users.value]);
  if (roles.length === 0 && candidateUsers.length === 0 && assignee.value === null) {
    return {
      ok: false,
      error: `The assignment names no role or user (candidateGroups ${describe(spec.rolesExpression, spec.roles)}, candidateUsers ${describe(spec.candidateUsersExpression, spec.candidateUsers ?? [])}, assignee ${spec.assignee ?? "none"})`,
    };
  }
  return { ok: true, value: { roles, candidateUsers, assignee: assignee.value } };
}

/** Evaluates zeebe:taskSchedule's due and follow-up dates (absent or null: none). */
export function evaluateSchedule(spec: UserTaskSpec, context: Variables): Outcome<Schedule> {
  const dueAt = spec.dueDate ? instant(spec.dueDate, "dueDate", context) : ok(null);
  if (!dueAt.ok) return dueAt;
  const followUpAt = spec.followUpDate ? instant(spec.followUpDate, "followUpDate", context) : ok(null);
  if (!followUpAt.ok) return followUpAt;
  return ok({ dueAt: dueAt.value, followUpAt: followUpAt.value });
}

function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter((s) => s !== ""))];
}

function describe(expression: string | undefined, values: readonly string[]): string {
  return expression ? `"=${expression}"` : values.length > 0 ? `"${values.join(",")}"` : "none";
}

/** A FEEL list of texts, a comma list text, or null (none). */
function names(source: string, attribute: string, context: Variables): Outcome<string[]> {
  const result = feel(source, context);
  if (!result.ok) return result;
  const value = result.value;
  if (value === null || value === undefined) return ok([]);
  if (typeof value === "string") return ok(value.split(","));
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return ok(value);
  return { ok: false, error: `${attribute} "=${source}" is ${JSON.stringify(value)}, not a list of texts` };
}

function assigneeOf(assignee: string | undefined, context: Variables): Outcome<string | null> {
  if (!assignee) return ok(null);
  if (!assignee.trim().startsWith("=")) return ok(assignee.trim() || null);
  const result = feel(assignee, context);
  if (!result.ok) return result;
  if (result.value === null || result.value === undefined) return ok(null);
  if (typeof result.value !== "string" && typeof result.value !== "number") {
    return { ok: false, error: `assignee "${assignee}" is ${JSON.stringify(result.value)}, not a username` };
  }
  return ok(String(result.value).trim() || null);
}

/** A date-time (ISO 8601 text or FEEL date/date-time value) as an ISO instant. */
function instant(value: ValueOrFeel, attribute: string, context: Variables): Outcome<Iso | null> {
  let text: unknown;
  if (value.kind === "literal") text = value.value;
  else {
    const result = feel(value.source, context);
    if (!result.ok) return result;
    text = result.value;
    if (text === null || text === undefined) return ok(null);
  }
  const date = typeof text === "string" ? new Date(text) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    const shown = value.kind === "literal" ? value.value : `=${value.source}`;
    return { ok: false, error: `${attribute} "${shown}" is ${JSON.stringify(text)}, not an ISO 8601 date-time` };
  }
  return ok(date.toISOString());
}
