/** Deployed process versions: numbered per process and district; a case keeps the version it started on. */
import { createHash, randomUUID } from "node:crypto";
import { localParts, TIME_ZONES } from "@alur/shared/calendar";
import type { ExecutionPlan } from "@alur/shared/plan";
import { type Selectable, sql } from "kysely";
import type { Db } from "./db";
import type { ProcessVersionsTable } from "./schema";

export type ProcessVersionRow = Selectable<ProcessVersionsTable>;

/** sha256 of the plan JSON, pinned per case. */
export function planHash(plan: ExecutionPlan): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}

export interface NewVersion {
  plan: ExecutionPlan;
  bpmnXml: string;
  district: string | null;
  publish: boolean;
  effectiveFrom: string | null;
  createdBy: string | null;
  /** Shared by the versions one deploy created from one file. */
  deploymentId?: string | null;
}

/** The columns a version's content sets, shared by a new version and a replaced draft. */
function contentOf(input: NewVersion) {
  const legalBasis = input.plan.variant?.legalBasis
    ? [input.plan.variant.legalBasis]
    : (input.plan.standard?.legalBasis ?? null);
  return {
    name: input.plan.name ?? input.plan.standard?.name ?? input.plan.processId,
    status: input.publish ? ("published" as const) : ("draft" as const),
    bpmn_xml: input.bpmnXml,
    plan: JSON.stringify(input.plan),
    plan_hash: planHash(input.plan),
    effective_from: input.effectiveFrom,
    legal_basis: legalBasis ? JSON.stringify(legalBasis) : null,
    created_by: input.createdBy,
    published_at: input.publish ? new Date() : null,
    deployment_id: input.deploymentId ?? null,
  };
}

/** The newest version of (process, district), whatever its status. */
export async function newestVersion(
  db: Db,
  processId: string,
  district: string | null,
): Promise<ProcessVersionRow | undefined> {
  return db
    .selectFrom("process_versions")
    .selectAll()
    .where("process_id", "=", processId)
    .where((eb) => (district === null ? eb("district", "is", null) : eb("district", "=", district)))
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Overwrites a draft with new content, keeping its id and number: a draft is the working copy
 * of the next version, so saving it again (or publishing it) does not use up a version number.
 * Undefined when it is no longer a draft (published meanwhile). No case ever runs a draft.
 */
export async function replaceDraft(db: Db, draftId: string, input: NewVersion): Promise<ProcessVersionRow | undefined> {
  return db
    .updateTable("process_versions")
    .set({ ...contentOf(input), created_at: new Date() })
    .where("id", "=", draftId)
    .where("status", "=", "draft")
    .returningAll()
    .executeTakeFirst();
}

/** The statuses of (process, district)'s versions, for deciding whether its id may still change. */
export async function versionStatuses(db: Db, processId: string, district: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom("process_versions")
    .select("status")
    .where("process_id", "=", processId)
    .where((eb) => (district === null ? eb("district", "is", null) : eb("district", "=", district)))
    .execute();
  return rows.map((r) => r.status);
}

/** Deletes the drafts of (process, district): what a rename of a never-published service leaves behind. */
export async function deleteDrafts(db: Db, processId: string, district: string | null): Promise<string[]> {
  const rows = await db
    .deleteFrom("process_versions")
    .where("process_id", "=", processId)
    .where((eb) => (district === null ? eb("district", "is", null) : eb("district", "=", district)))
    .where("status", "=", "draft")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Inserts the next version of (process, district). The unique constraint settles a race between
 * two deployers: the loser retries with the next number.
 */
export async function insertProcessVersion(db: Db, input: NewVersion): Promise<ProcessVersionRow> {
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
        ...contentOf(input),
      })
      .onConflict((oc) => oc.constraint("process_versions_unique").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
    if (attempt >= 5) throw new Error("Could not allocate a process version number after 5 attempts");
  }
}

/** Version `version` of (process, district): district null for a national template. */
export async function versionByNumber(
  db: Db,
  processId: string,
  district: string | null,
  version: number,
): Promise<ProcessVersionRow | undefined> {
  return db
    .selectFrom("process_versions")
    .selectAll()
    .where("process_id", "=", processId)
    .where((eb) => (district === null ? eb("district", "is", null) : eb("district", "=", district)))
    .where("version", "=", version)
    .executeTakeFirst();
}

/**
 * A published version under a fixed id for a plan that was never deployed (`alur simulate`,
 * tests): inserted once, kept as it is when the id exists already.
 */
export async function ensurePlanVersion(
  db: Db,
  input: { id: string; plan: ExecutionPlan; district: string; planHash?: string },
): Promise<void> {
  await db
    .insertInto("process_versions")
    .values({
      id: input.id,
      process_id: input.plan.processId,
      district: input.district,
      version: 1,
      name: input.plan.name ?? input.plan.processId,
      status: "published",
      bpmn_xml: "<definitions/>",
      plan: JSON.stringify(input.plan),
      plan_hash: input.planHash ?? planHash(input.plan),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function getProcessVersion(db: Db, id: string): Promise<ProcessVersionRow | undefined> {
  return db.selectFrom("process_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The drafts deployed together with a version (its own deployment), itself excluded. */
export async function draftsDeployedWith(db: Db, version: ProcessVersionRow): Promise<ProcessVersionRow[]> {
  if (!version.deployment_id) return [];
  return db
    .selectFrom("process_versions")
    .selectAll()
    .where("deployment_id", "=", version.deployment_id)
    .where("id", "!=", version.id)
    .where("status", "=", "draft")
    .orderBy("created_at")
    .execute();
}

/** Publishes a draft; undefined when it is no longer a draft (retired meanwhile). */
export async function publishDraft(db: Db, id: string): Promise<ProcessVersionRow | undefined> {
  return db
    .updateTable("process_versions")
    .set({ status: "published", published_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .returningAll()
    .executeTakeFirst();
}

/**
 * The plans a case of `version` calls from its own deployment, by process id: the published
 * versions deployed from the same file, reached through literal call activities (transitively).
 * Pinned at case start, so a call between processes of one file runs the partner deployed with
 * it, whatever is published later.
 */
export async function deployedCalledPlans(
  db: Db,
  version: ProcessVersionRow,
): Promise<Record<string, { plan: ExecutionPlan; planHash: string }>> {
  if (!version.deployment_id) return {};
  const rows = await db
    .selectFrom("process_versions")
    .select(["process_id", "plan", "plan_hash"])
    .where("deployment_id", "=", version.deployment_id)
    .where("status", "=", "published")
    .execute();
  const siblings = new Map(rows.map((r) => [r.process_id, { plan: r.plan as ExecutionPlan, planHash: r.plan_hash }]));
  const pinned: Record<string, { plan: ExecutionPlan; planHash: string }> = {};
  const queue = [version.plan as ExecutionPlan];
  for (let plan = queue.shift(); plan; plan = queue.shift()) {
    for (const node of Object.values(plan.nodes)) {
      if (node.type !== "callActivity" || node.calledProcess.kind !== "literal") continue;
      const processId = node.calledProcess.value;
      const called = siblings.get(processId);
      if (!called || pinned[processId] || processId === version.process_id) continue;
      pinned[processId] = called;
      queue.push(called.plan);
    }
  }
  return pinned;
}

/** The date (YYYY-MM-DD) of `now` in WIB, the zone effective dates are written in. */
export function wibDate(now: Date): string {
  return localParts(now.getTime(), TIME_ZONES.WIB).date;
}

/**
 * The version a new case (or a call activity's child case) of this service in this district runs: the district's newest published
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

/** A version's columns without its XML and plan: what lists show. */
const VERSION_SUMMARY_COLUMNS = [
  "id",
  "process_id",
  "district",
  "version",
  "name",
  "status",
  "plan_hash",
  "effective_from",
  "legal_basis",
  "created_by",
  "created_at",
  "published_at",
  "deployment_id",
] as const;

/**
 * Every service a new case in this district would run today, one version per process (as
 * resolvePublishedVersion picks it): the public catalogue. No drafts, no retired or future versions.
 */
export async function publishedInEffect(
  db: Db,
  input: { district: string; today: string },
): Promise<Omit<ProcessVersionRow, "bpmn_xml">[]> {
  return db
    .selectFrom("process_versions")
    .select([...VERSION_SUMMARY_COLUMNS, "plan"])
    .distinctOn("process_id")
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("district", "=", input.district), eb("district", "is", null)]))
    .where((eb) => eb.or([eb("effective_from", "is", null), eb("effective_from", "<=", input.today)]))
    .orderBy("process_id")
    .orderBy(sql`district IS NULL`)
    .orderBy("version", "desc")
    .execute();
}

/**
 * The plan of a case's version and the published plans of the processes it (and they) call by a
 * literal id, as the workflow's loadPlan finds them: what a message to the case may reach. A call
 * whose process is a FEEL expression cannot be known here; the workflow then decides.
 */
export async function caseAndCalledPlans(db: Db, processVersionId: string, district: string): Promise<ExecutionPlan[]> {
  const own = await getProcessVersion(db, processVersionId);
  if (!own) return [];
  // calls between processes of one file run the partner pinned at case start
  const pinned = await deployedCalledPlans(db, own);
  const plans = [own.plan as ExecutionPlan];
  const seen = new Set([plans[0]!.processId]);
  for (let i = 0; i < plans.length; i++) {
    for (const node of Object.values(plans[i]!.nodes)) {
      if (node.type !== "callActivity" || node.calledProcess.kind !== "literal") continue;
      const processId = node.calledProcess.value;
      if (seen.has(processId)) continue;
      seen.add(processId);
      const deployed = pinned[processId];
      if (deployed) {
        plans.push(deployed.plan);
        continue;
      }
      const row = await resolvePublishedVersion(db, { processId, district, today: wibDate(new Date()) });
      if (row) plans.push(row.plan as ExecutionPlan);
    }
  }
  return plans;
}

/**
 * Versions for the process list (no XML, no plan), by process, district and newest version first:
 * `district` a district's own and the national templates (null: the templates only; undefined: all).
 */
export async function listProcessVersions(
  db: Db,
  filter: { district?: string | null; processId?: string; status?: "draft" | "published" | "retired" },
) {
  let q = db
    .selectFrom("process_versions")
    .select([...VERSION_SUMMARY_COLUMNS, sql<string | null>`plan->'variant'->>'template'`.as("variant_template")])
    .orderBy("process_id")
    .orderBy("district")
    .orderBy("version", "desc");
  const district = filter.district;
  if (district === null) q = q.where("district", "is", null);
  else if (district !== undefined)
    q = q.where((eb) => eb.or([eb("district", "=", district), eb("district", "is", null)]));
  if (filter.processId) q = q.where("process_id", "=", filter.processId);
  if (filter.status) q = q.where("status", "=", filter.status);
  return q.execute();
}
