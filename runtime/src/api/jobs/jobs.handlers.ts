/**
 * The job-worker API. A worker credential sees only jobs of its types and district; anything
 * else is "not found" (no oracle for other districts' jobs). Every answer is audited in the
 * transaction that ends or releases the job row, and the row stays locked while Temporal is told,
 * so two answers for one job queue behind each other and only the first takes effect.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Db } from "../../store/db";
import {
  activateJobs,
  endJob,
  type LockedJob,
  lockJob,
  releaseJob,
  type WorkerCredentialRow,
} from "../../store/external-jobs";
import type { ExternalJobState } from "../../store/schema";
import { completeJobActivity, failJobActivity, type JobAnswer } from "../../temporal/external-jobs";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import type * as routes from "./jobs.routes";

/** How often a long poll looks for new jobs. */
const POLL_MS = 250;

function requireWorker(c: AppContext): WorkerCredentialRow {
  const worker = c.get("worker");
  if (!worker) throw new ApiException(401, "unauthenticated");
  return worker;
}

export const activate: RouteHandler<typeof routes.activate, AppEnv> = async (c) => {
  const worker = requireWorker(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  if (!worker.jobTypes.includes(body.type)) {
    await audit(c, db, {
      action: "job.activate",
      outcome: "denied",
      resourceType: "job-type",
      resourceId: body.type,
      district: worker.district,
      details: { worker: body.worker, allowed: worker.jobTypes },
    });
    throw new ApiException(403, "job-type-not-allowed", { type: body.type });
  }
  const deadline = Date.now() + body.requestTimeout;
  const signal = c.req.raw.signal;
  for (;;) {
    const jobs = await activateJobs(db, {
      type: body.type,
      district: worker.district,
      worker: body.worker,
      credentialId: worker.id,
      max: body.maxJobsToActivate,
      timeoutMs: body.timeout,
    });
    if (jobs.length > 0) {
      await audit(c, db, {
        action: "job.activate",
        outcome: "ok",
        resourceType: "job-type",
        resourceId: body.type,
        district: worker.district,
        details: { worker: body.worker, jobs: jobs.map((j) => ({ jobKey: j.jobKey, caseId: j.caseId })) },
      });
      return c.json(
        {
          jobs: jobs.map((j) => ({
            jobKey: `${j.jobKey}${j.lockToken}`,
            type: j.type,
            caseId: j.caseId,
            elementId: j.elementId,
            customHeaders: j.headers,
            variables: j.variables,
            retries: j.retries,
            worker: body.worker,
            deadline: j.lockedUntil.toISOString(),
          })),
        },
        200,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal.aborted) return c.json({ jobs: [] }, 200);
    await pause(Math.min(POLL_MS, left), signal);
  }
};

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

type Outcome =
  | { kind: "end"; state: Exclude<ExternalJobState, "open">; errorMessage?: string; answer: JobAnswer }
  | { kind: "release"; retries: number; backoffMs: number; errorMessage: string | null };

/**
 * Answers the job `jobKey` names if the caller's lock on it holds: `decide` tells Temporal (or
 * not) and says how the row changes. The row is ended, released or marked gone, and audited, in
 * one transaction.
 */
async function answerJob(
  c: AppContext,
  action: string,
  details: Record<string, unknown>,
  decide: (job: LockedJob) => Promise<Outcome>,
): Promise<Response> {
  const worker = requireWorker(c);
  const { jobKey } = c.req.param() as { jobKey: string };
  const key = jobKey.slice(0, 32);
  const lock = jobKey.slice(32);
  const { db } = c.get("deps");
  const result = await db.transaction().execute(async (tx: Db) => {
    const job = await lockJob(tx, key, lock);
    if (!job || !worker.jobTypes.includes(job.type) || (worker.district !== null && job.district !== worker.district)) {
      return { refused: new ApiException(404, "job-not-found") };
    }
    if (job.state !== "open") return { refused: new ApiException(409, "job-closed", { state: job.state }) };
    if (!job.lockHeld) {
      await audit(c, tx, {
        action,
        outcome: "denied",
        resourceType: "job",
        resourceId: key,
        district: job.district,
        details: { ...details, caseId: job.caseId, reason: "lock-expired" },
      });
      return { refused: new ApiException(409, "job-lock-expired") };
    }
    const outcome = await decide(job);
    if (outcome.kind === "release") {
      await releaseJob(tx, key, outcome);
    } else {
      const state = outcome.answer === "gone" ? "cancelled" : outcome.state;
      await endJob(tx, key, { state, errorMessage: outcome.errorMessage });
    }
    const gone = outcome.kind === "end" && outcome.answer === "gone";
    await audit(c, tx, {
      action,
      outcome: gone ? "denied" : "ok",
      resourceType: "job",
      resourceId: key,
      district: job.district,
      details: {
        ...details,
        caseId: job.caseId,
        elementId: job.elementId,
        type: job.type,
        ...(gone ? { reason: "job-gone" } : {}),
      },
    });
    return gone ? { refused: new ApiException(409, "job-closed", { state: "cancelled" }) } : {};
  });
  if (result.refused) throw result.refused;
  return c.body(null, 204);
}

/** Temporal unreachable: nothing changed (the transaction rolls back), the worker may retry with the same key. */
async function told(call: () => Promise<JobAnswer>): Promise<JobAnswer> {
  try {
    return await call();
  } catch (error) {
    throw new ApiException(503, "workflow-unavailable", { retryable: true, reason: (error as Error).message });
  }
}

export const complete: RouteHandler<typeof routes.complete, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { client } = c.get("deps").temporal;
  return (await answerJob(c, "job.complete", { variables: Object.keys(body.variables) }, async (job) => ({
    kind: "end",
    state: "completed",
    answer: await told(() => completeJobActivity(client, job.taskToken, { ok: true, output: body.variables })),
  }))) as never;
};

export const fail: RouteHandler<typeof routes.fail, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { client } = c.get("deps").temporal;
  const message = body.errorMessage ?? "";
  return (await answerJob(c, "job.fail", { retries: body.retries, errorMessage: message }, async (job) => {
    if (body.retries > 0) {
      return { kind: "release", retries: body.retries, backoffMs: body.retryBackOff, errorMessage: message || null };
    }
    const incident = `Job "${job.type}" failed with no retries left: ${message || "(no message)"}`;
    return {
      kind: "end",
      state: "failed",
      errorMessage: message,
      answer: await told(() => failJobActivity(client, job.taskToken, incident)),
    };
  })) as never;
};

export const throwError: RouteHandler<typeof routes.throwError, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { client } = c.get("deps").temporal;
  const bpmnError = { code: body.errorCode, message: body.errorMessage ?? "" };
  return (await answerJob(c, "job.error", { errorCode: body.errorCode }, async (job) => ({
    kind: "end",
    state: "error",
    errorMessage: body.errorMessage,
    answer: await told(() => completeJobActivity(client, job.taskToken, { ok: false, bpmnError })),
  }))) as never;
};
