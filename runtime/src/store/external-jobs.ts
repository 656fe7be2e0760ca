/**
 * External jobs and the worker credentials that serve them. A job row mirrors an open Temporal
 * activity (completed asynchronously): workers activate rows under a lock that expires, the API
 * completes or fails the activity with the row's task token, and the row records how it ended.
 * Several API processes share the rows: activation takes them with SKIP LOCKED.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "./db";
import type { ExternalJobState } from "./schema";

/** The row key of a case's job: fixed length, the same for every attempt of the activity. */
export function externalJobKey(caseId: string, jobId: string): string {
  return createHash("sha256").update(`${caseId}:${jobId}`).digest("hex").slice(0, 32);
}

export interface OfferedJob {
  jobKey: string;
  caseId: string;
  district: string;
  elementId: string;
  type: string;
  headers: Record<string, string>;
  variables: Record<string, unknown>;
  retries: number;
  taskToken: string;
}

/**
 * Offers a job to workers. A new attempt of the same activity (after a timeout, or an incident
 * retried by an admin) offers the row afresh with its new task token.
 */
export async function offerJob(db: Db, job: OfferedJob): Promise<void> {
  const values = {
    case_id: job.caseId,
    district: job.district,
    element_id: job.elementId,
    type: job.type,
    headers: JSON.stringify(job.headers),
    variables: JSON.stringify(job.variables),
    retries: job.retries,
    task_token: job.taskToken,
  };
  await db
    .insertInto("external_jobs")
    .values({ job_key: job.jobKey, ...values })
    .onConflict((oc) =>
      oc.column("job_key").doUpdateSet({
        ...values,
        state: "open",
        worker: null,
        credential_id: null,
        lock_token: null,
        locked_until: null,
        available_at: sql`now()`,
        activations: 0,
        error_message: null,
        checked_at: sql`now()`,
        created_at: sql`now()`,
        ended_at: null,
      }),
    )
    .execute();
}

export interface ActivatedJobRow {
  jobKey: string;
  lockToken: string;
  caseId: string;
  district: string;
  elementId: string;
  type: string;
  headers: Record<string, string>;
  variables: Record<string, unknown>;
  retries: number;
  lockedUntil: Date;
}

/**
 * Locks up to `max` available jobs of a type for a worker until `timeoutMs` from now. A job is
 * available when open, past its back-off, and unlocked or its lock expired (its worker is gone).
 */
export async function activateJobs(
  db: Db,
  request: {
    type: string;
    district: string | null;
    worker: string;
    credentialId: string;
    max: number;
    timeoutMs: number;
  },
): Promise<ActivatedJobRow[]> {
  let available = db
    .selectFrom("external_jobs")
    .select("job_key")
    .where("state", "=", "open")
    .where("type", "=", request.type)
    .where("available_at", "<=", sql<Date>`now()`)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
    .orderBy("available_at")
    .limit(request.max)
    .forUpdate()
    .skipLocked();
  if (request.district !== null) available = available.where("district", "=", request.district);
  const rows = await db
    .updateTable("external_jobs")
    .set((eb) => ({
      worker: request.worker,
      credential_id: request.credentialId,
      lock_token: sql`replace(gen_random_uuid()::text, '-', '')`,
      locked_until: sql`now() + make_interval(secs => ${request.timeoutMs / 1000})`,
      activations: eb("activations", "+", 1),
    }))
    .where("job_key", "in", available)
    .returning([
      "job_key",
      "lock_token",
      "case_id",
      "district",
      "element_id",
      "type",
      "headers",
      "variables",
      "retries",
      "locked_until",
    ])
    .execute();
  return rows.map((r) => ({
    jobKey: r.job_key,
    lockToken: r.lock_token ?? "",
    caseId: r.case_id,
    district: r.district,
    elementId: r.element_id,
    type: r.type,
    headers: r.headers,
    variables: r.variables,
    retries: r.retries,
    lockedUntil: r.locked_until ?? new Date(),
  }));
}

export interface LockedJob {
  jobKey: string;
  caseId: string;
  district: string;
  elementId: string;
  type: string;
  taskToken: string;
  state: ExternalJobState;
  lockToken: string | null;
  /** The lock is the caller's and has not expired. */
  lockHeld: boolean;
}

/**
 * A job row locked for the rest of the transaction (concurrent answers for one job queue behind
 * each other), with whether `lockToken` still holds it.
 */
export async function lockJob(db: Db, jobKey: string, lockToken: string): Promise<LockedJob | undefined> {
  const row = await db
    .selectFrom("external_jobs")
    .select([
      "job_key",
      "case_id",
      "district",
      "element_id",
      "type",
      "task_token",
      "state",
      "lock_token",
      sql<boolean>`coalesce(lock_token = ${lockToken} and locked_until > now(), false)`.as("lock_held"),
    ])
    .where("job_key", "=", jobKey)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    jobKey: row.job_key,
    caseId: row.case_id,
    district: row.district,
    elementId: row.element_id,
    type: row.type,
    taskToken: row.task_token,
    state: row.state,
    lockToken: row.lock_token,
    lockHeld: row.lock_held,
  };
}

/** Records how a job ended (completed, failed for good, a BPMN error, or its activity gone). */
export async function endJob(
  db: Db,
  jobKey: string,
  outcome: { state: Exclude<ExternalJobState, "open">; errorMessage?: string | null },
): Promise<void> {
  await db
    .updateTable("external_jobs")
    .set({
      state: outcome.state,
      error_message: outcome.errorMessage?.slice(0, 2000) ?? null,
      lock_token: null,
      locked_until: null,
      ended_at: sql`now()`,
    })
    .where("job_key", "=", jobKey)
    .where("state", "=", "open")
    .execute();
}

/** A worker's failure with retries left: the job is offered again after the back-off. */
export async function releaseJob(
  db: Db,
  jobKey: string,
  release: { retries: number; backoffMs: number; errorMessage: string | null },
): Promise<void> {
  await db
    .updateTable("external_jobs")
    .set({
      retries: release.retries,
      error_message: release.errorMessage?.slice(0, 2000) ?? null,
      lock_token: null,
      locked_until: null,
      available_at: sql`now() + make_interval(secs => ${release.backoffMs / 1000})`,
    })
    .where("job_key", "=", jobKey)
    .where("state", "=", "open")
    .execute();
}

export interface UnservedJob {
  jobKey: string;
  caseId: string;
  type: string;
  taskToken: string;
  activations: number;
}

/**
 * Open jobs no worker has held for `seconds`: never activated, or their last lock expired (or
 * back-off ended) that long ago. Read only: the sweep fails each activity first, then ends the row.
 */
export async function listUnservedJobs(db: Db, seconds: number, limit = 100): Promise<UnservedJob[]> {
  const rows = await db
    .selectFrom("external_jobs")
    .select(["job_key", "case_id", "type", "task_token", "activations"])
    .where("state", "=", "open")
    .where(
      sql<Date>`greatest(available_at, coalesce(locked_until, available_at))`,
      "<",
      sql<Date>`now() - make_interval(secs => ${seconds})`,
    )
    .orderBy("available_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    jobKey: r.job_key,
    caseId: r.case_id,
    type: r.type,
    taskToken: r.task_token,
    activations: r.activations,
  }));
}

/** Open jobs not checked against Temporal for `seconds`, marked checked now (one sweep each). */
export async function takeJobsToCheck(
  db: Db,
  seconds: number,
  limit = 100,
): Promise<{ jobKey: string; taskToken: string }[]> {
  const due = db
    .selectFrom("external_jobs")
    .select("job_key")
    .where("state", "=", "open")
    .where("checked_at", "<", sql<Date>`now() - make_interval(secs => ${seconds})`)
    .orderBy("checked_at")
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const rows = await db
    .updateTable("external_jobs")
    .set({ checked_at: sql`now()` })
    .where("job_key", "in", due)
    .returning(["job_key", "task_token"])
    .execute();
  return rows.map((r) => ({ jobKey: r.job_key, taskToken: r.task_token }));
}

export interface WorkerCredentialRow {
  id: string;
  name: string;
  district: string | null;
  jobTypes: string[];
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

function credentialRow(r: {
  id: string;
  name: string;
  district: string | null;
  job_types: string[];
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}): WorkerCredentialRow {
  return {
    id: r.id,
    name: r.name,
    district: r.district,
    jobTypes: r.job_types,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

const CREDENTIAL_COLUMNS = ["id", "name", "district", "job_types", "created_by", "created_at", "revoked_at"] as const;

export async function insertWorkerCredential(
  db: Db,
  credential: {
    id: string;
    name: string;
    district: string | null;
    jobTypes: string[];
    secretHash: string;
    createdBy: string;
  },
): Promise<WorkerCredentialRow> {
  const row = await db
    .insertInto("worker_credentials")
    .values({
      id: credential.id,
      name: credential.name,
      district: credential.district,
      job_types: JSON.stringify(credential.jobTypes),
      secret_hash: credential.secretHash,
      created_by: credential.createdBy,
    })
    .returning(CREDENTIAL_COLUMNS)
    .executeTakeFirstOrThrow();
  return credentialRow(row);
}

/** An unrevoked credential by id whose secret hashes to `secretHash`. */
export async function findWorkerCredential(
  db: Db,
  id: string,
  secretHash: string,
): Promise<WorkerCredentialRow | undefined> {
  const row = await db
    .selectFrom("worker_credentials")
    .select(CREDENTIAL_COLUMNS)
    .where("id", "=", id)
    .where("secret_hash", "=", secretHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ? credentialRow(row) : undefined;
}

/** Credentials of a district (null: every district's, for a super admin), newest first. */
export async function listWorkerCredentials(
  db: Db,
  district: string | null | undefined,
): Promise<WorkerCredentialRow[]> {
  let q = db.selectFrom("worker_credentials").select(CREDENTIAL_COLUMNS).orderBy("created_at", "desc");
  if (district !== undefined)
    q = district === null ? q.where("district", "is", null) : q.where("district", "=", district);
  return (await q.execute()).map(credentialRow);
}

export async function getWorkerCredential(db: Db, id: string): Promise<WorkerCredentialRow | undefined> {
  const row = await db
    .selectFrom("worker_credentials")
    .select(CREDENTIAL_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? credentialRow(row) : undefined;
}

/** Revokes a credential; its next request is refused. Returns false if it was already revoked. */
export async function revokeWorkerCredential(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable("worker_credentials")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
