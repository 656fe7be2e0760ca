/**
 * The one way a handler records a decision in the audit log: who (the signed-in user, or a job
 * worker's credential) and from where come from the request, so no handler builds them by hand
 * and none can record another actor by mistake. Pass the transaction that makes the change, so
 * the entry commits with it.
 */
import { type AuditRecord, appendAudit, appendAudits } from "../store/audit";
import type { Db } from "../store/db";
import type { AppContext } from "./context";

/** What the handler decided. `actorId` only where the request has no principal yet (sign-in). */
export type Decision = Omit<AuditRecord, "actorId" | "ip"> & { actorId?: string | null };

/** The audit actor of a request: a user id, `worker:<credential id>`, or null (anonymous). */
function actorOf(c: AppContext): string | null {
  const principal = c.get("principal");
  if (principal) return principal.userId;
  const worker = c.get("worker");
  return worker ? `worker:${worker.id}` : null;
}

function recordOf(c: AppContext, { actorId, ...decision }: Decision): AuditRecord {
  return { actorId: actorId === undefined ? actorOf(c) : actorId, ip: c.get("ip"), ...decision };
}

export function audit(c: AppContext, db: Db, decision: Decision): Promise<void> {
  return appendAudit(db, recordOf(c, decision));
}

export function auditAll(c: AppContext, db: Db, decisions: readonly Decision[]): Promise<void> {
  return appendAudits(
    db,
    decisions.map((d) => recordOf(c, d)),
  );
}
