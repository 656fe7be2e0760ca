/** The case timeline: append-only events (who, what, when). */
import type { Db } from "./db";

export interface CaseEvent {
  caseId: string;
  type: string;
  elementId?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
  at?: Date | string;
  /** Makes the append idempotent for activities that Temporal may retry. */
  dedupeKey?: string;
}

export async function appendCaseEvent(db: Db, event: CaseEvent): Promise<void> {
  await appendCaseEvents(db, [event]);
}

/** Appends several events in one statement (a workflow step's records); duplicates by dedupe key are skipped. */
export async function appendCaseEvents(db: Db, events: CaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto("case_events")
    .values(
      events.map((event) => ({
        case_id: event.caseId,
        type: event.type,
        element_id: event.elementId ?? null,
        actor: event.actor ?? null,
        data: JSON.stringify(event.data ?? {}),
        at: event.at ?? new Date(),
        dedupe_key: event.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

export async function listCaseEvents(db: Db, caseId: string) {
  return db.selectFrom("case_events").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
}

/** Whether the case's timeline holds the event appended with `dedupeKey`. */
export async function hasCaseEvent(db: Db, caseId: string, dedupeKey: string): Promise<boolean> {
  const row = await db
    .selectFrom("case_events")
    .select("id")
    .where("case_id", "=", caseId)
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
  return row !== undefined;
}
