/**
 * Who may do what: pure decisions over a principal and the resource's district and roles. Every
 * route asks one of these before it touches data; a refusal is audited by the caller.
 */
import type { Principal } from "./principal";
import { SUPER_ADMIN } from "./roles";

const FRONT_OFFICE = "front-office";

function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/** Models, variants, users and roles of a district (null: national templates, super admin only). */
export function canAdminister(
  p: Pick<Principal, "isSuperAdmin" | "isDistrictAdmin" | "district">,
  district: string | null,
): boolean {
  if (p.isSuperAdmin) return true;
  return district !== null && p.isDistrictAdmin && p.district === district;
}

/** Supervising a case (cancel it, correct its data): the super admin, the case district's admin and its heads (kepala bidang). */
export function canSuperviseCase(
  p: Pick<Principal, "isSuperAdmin" | "isDistrictAdmin" | "isHead" | "district">,
  district: string,
): boolean {
  if (p.isSuperAdmin) return true;
  return p.district === district && (p.isDistrictAdmin || p.isHead);
}

/** The front office starts cases of its own district on behalf of an applicant. */
export function canStartCase(p: Principal, district: string): boolean {
  return p.district === district && p.roles.includes(FRONT_OFFICE);
}

export interface TaskScope {
  district: string;
  roles: readonly string[];
  /** User id. */
  assignee: string | null;
  /** User ids of the candidate users (zeebe candidateUsers); absent reads as none. */
  candidate_users?: readonly string[];
}

/** A candidate: one of the task's roles, or named as a candidate user, in the task's district. */
function isCandidate(p: Principal, task: TaskScope): boolean {
  if (p.district !== task.district) return false;
  return intersects(p.roles, task.roles) || (task.candidate_users ?? []).includes(p.userId);
}

/** Staff see tasks of their district that they are candidates for or that are theirs; heads see all of the district. */
export function canSeeTask(p: Principal, task: TaskScope): boolean {
  if (p.district !== task.district) return false;
  return p.isHead || task.assignee === p.userId || isCandidate(p, task);
}

/**
 * Claim, draft or complete: a candidate (role or user) in the task's district, or the task is
 * mine. Whether it is still free is not an authorization question: the guarded update in the
 * store decides, so a candidate who loses a race to a colleague gets 409 (conflict), not 403.
 */
export function canWorkOnTask(p: Principal, task: TaskScope): boolean {
  if (task.assignee === p.userId) return true;
  return isCandidate(p, task);
}

/** Unclaim or delegate: the assignee, or a head of the district. */
export function canReassignTask(p: Principal, task: TaskScope): boolean {
  if (p.district !== task.district) return false;
  return task.assignee === p.userId || p.isHead;
}

export interface CaseScope {
  district: string;
  createdBy: string | null;
  /** Candidate roles and assignees of every task the case has had. */
  taskRoles: readonly string[];
  taskAssignees: readonly string[];
}

/** Staff of the district who have (had) a part in the case; heads and the district admin see all of it. */
export function canSeeCase(p: Principal, c: CaseScope): boolean {
  if (p.isSuperAdmin) return true;
  if (p.district !== c.district) return false;
  return (
    p.isHead ||
    p.isDistrictAdmin ||
    c.createdBy === p.userId ||
    c.taskAssignees.includes(p.userId) ||
    intersects(p.roles, c.taskRoles)
  );
}

/** Messages to a case: staff who may see it (heads, the front office, or staff with a part in it). */
export function canMessageCase(p: Principal, c: CaseScope): boolean {
  return p.district === c.district && canSeeCase(p, c);
}

/** Broadcast signals to every case of a district. */
export function canSignalDistrict(p: Principal, district: string): boolean {
  return canAdminister(p, district);
}

/** Audit log: super admin for all, the district admin for the district. */
export function canReadAudit(p: Principal, district: string | null): boolean {
  return canAdminister(p, district);
}

/**
 * Managing an account (create, change, disable, reset its password, make it acting): the super
 * admin for any; a district admin for accounts of their own district only, and never an account
 * that holds the super-admin role.
 */
export function canManageUser(p: Principal, user: { district: string | null; roles: readonly string[] }): boolean {
  if (p.isSuperAdmin) return true;
  return canAdminister(p, user.district) && !user.roles.includes(SUPER_ADMIN);
}

/** No one grants a role above their own: only the super admin grants super-admin. */
export function canGrantRoles(p: Principal, roles: readonly string[]): boolean {
  return p.isSuperAdmin || !roles.includes(SUPER_ADMIN);
}

const COMPLAINT_TEAM = "pengelola-pengaduan";

/** The complaint team of the district and its heads read and answer the district's complaints. */
export function canHandleComplaints(p: Principal, district: string): boolean {
  return p.district === district && (p.roles.includes(COMPLAINT_TEAM) || p.isHead);
}

/** The front office and the complaint team take complaints by phone or at the desk. */
export function canTakeComplaint(p: Principal, district: string): boolean {
  return p.district === district && (p.roles.includes(FRONT_OFFICE) || p.roles.includes(COMPLAINT_TEAM));
}

/** The response-time report and the SP4N-LAPOR! export: the team, heads, the district admin and the super admin. */
export function canReportComplaints(p: Principal, district: string): boolean {
  return canSuperviseCase(p, district) || canHandleComplaints(p, district);
}
