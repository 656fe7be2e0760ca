/** Deployed process versions: numbered per process and district; a case keeps the version it started on. */
import { createHash, randomUUID } from "node:crypto";
import type { ExecutionPlan } from "@alur/shared/plan";
import { type Selectable, sql } from "kysely";
import type { Db } from "./db";
import type { ProcessVersionsTable } from "./schema";

export type ProcessVersionRow = Selectable<ProcessVersionsTable>;

/** sha256 of the plan JSON, pinned per case. */
export function planHash(plan: ExecutionPlan): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}

/**
 * Inserts the next version of (process, district). The unique constraint settles a race between
 * two deployers: the loser retries with the next number.
 */
export async function insertProcessVersion(
  db: Db,
  input: {
    plan: ExecutionPlan;
    bpmnXml: string;
    district: string | null;
    publish: boolean;
    effectiveFrom: string | null;
    createdBy: string | null;
  },
): Promise<ProcessVersionRow> {
  const legalBasis = input.plan.variant?.legalBasis
    ? [input.plan.variant.legalBasis]
    : (input.plan.standard?.legalBasis ?? null);
  for (let attempt = 0; ; attempt++) {
    const { next } = await db
      .selectFrom("process_versions")
      .select(sql<number>`coalesce(max(version), 0)::int + 1`.as("next"))
      .where("process_id", "=", input.plan.processId)
      .where((eb) => (input.district === null ? eb("district", "is", null) : eb("district", "=", input.district)))
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto("process_versions")
      .values({
        id: randomUUID(),
        process_id: input.plan.processId,
        district: input.district,
        version: next,
        name: input.plan.name ?? input.plan.standard?.name ?? input.plan.processId,
        status: input.publish ? "published" : "draft",
        bpmn_xml: input.bpmnXml,
        plan: JSON.stringify(input.plan),
        plan_hash: planHash(input.plan),
        effective_from: input.effectiveFrom,
        legal_basis: legalBasis ? JSON.stringify(legalBasis) : null,
        created_by: input.createdBy,
        published_at: input.publish ? new Date() : null,
      })
      .onConflict((oc) => oc.constraint("process_versions_unique").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
    if (attempt >= 5) throw new Error("Could not allocate a process version number after 5 attempts");
  }
}

export async function getProcessVersion(db: Db, id: string): Promise<ProcessVersionRow | undefined> {
  return db.selectFrom("process_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The version a new case of this service in this district runs: the district's newest published
 * version in effect today, else the newest published national template in effect.
 */
export async function resolvePublishedVersion(
  db: Db,
  input: { processId: string; district: string; today: string },
): Promise<ProcessVersionRow | undefined> {
  return db
    .selectFrom("process_versions")
    .selectAll()
    .where("process_id", "=", input.processId)
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("district", "=", input.district), eb("district", "is", null)]))
    .where((eb) => eb.or([eb("effective_from", "is", null), eb("effective_from", "<=", input.today)]))
    .orderBy(sql`district IS NULL`)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The plan of a case's version and the published plans of the processes it (and they) call by a
 * literal id, as the workflow's loadPlan finds them: what a message to the case may reach. A call
 * whose process is a FEEL expression cannot be known here; the workflow then decides.
 */
export async function caseAndCalledPlans(db: Db, processVersionId: string, district: string): Promise<ExecutionPlan[]> {
  const own = await db
    .selectFrom("process_versions")
    .select("plan")
    .where("id", "=", processVersionId)
    .executeTakeFirst();
  if (!own) return [];
  const plans = [own.plan as ExecutionPlan];
  const seen = new Set([plans[0]!.processId]);
  for (let i = 0; i < plans.length; i++) {
    for (const node of Object.values(plans[i]!.nodes)) {
      if (node.type !== "callActivity" || node.calledProcess.kind !== "literal") continue;
      const processId = node.calledProcess.value;
      if (seen.has(processId)) continue;
      seen.add(processId);
      const rows = await db
        .selectFrom("process_versions")
        .select(["plan", "district"])
        .where("process_id", "=", processId)
        .where("status", "=", "published")
        .where((eb) => eb.or([eb("district", "=", district), eb("district", "is", null)]))
        .orderBy("version", "desc")
        .execute();
      const row = rows.find((r) => r.district === district) ?? rows[0];
      if (row) plans.push(row.plan as ExecutionPlan);
    }
  }
  return plans;
}
