/**
 * The job sweep, in every API process: an external job no worker has held for
 * ALUR_JOB_NO_WORKER_SECONDS fails its activity for good, so the case shows an incident instead
 * of waiting silently; and open jobs are checked against Temporal now and then, so a job whose
 * case moved on (a boundary timer, a cancelled case) stops being offered to workers.
 */
import { appendAudit } from "../../store/audit";
import { endJob, listUnservedJobs, takeJobsToCheck } from "../../store/external-jobs";
import { type Sweeper, startSweeper } from "../../sweeper";
import { checkJobActivity, failJobActivity } from "../../temporal/external-jobs";
import type { AppDeps } from "../context";

/** How long an open job goes unchecked against Temporal. */
const CHECK_SECONDS = 30;

type SweepDeps = Pick<AppDeps, "db" | "logger" | "temporal"> & {
  env: Pick<AppDeps["env"], "ALUR_JOB_NO_WORKER_SECONDS">;
};

function noWorkerMessage(type: string, seconds: number): string {
  return (
    `Tidak ada pekerja (job worker) yang melayani pekerjaan "${type}" dalam ${seconds} detik. / ` +
    `No job worker served job type "${type}" within ${seconds} s.`
  );
}

export async function sweepJobs(
  deps: SweepDeps,
  options: { checkSeconds?: number } = {},
): Promise<{ unserved: number; gone: number }> {
  const { db, temporal } = deps;
  const seconds = deps.env.ALUR_JOB_NO_WORKER_SECONDS;
  let unserved = 0;
  for (const job of await listUnservedJobs(db, seconds)) {
    const message = noWorkerMessage(job.type, seconds);
    // Temporal first: if this process dies before the row is ended, the next sweep finds the activity gone.
    const answer = await failJobActivity(temporal.client, job.taskToken, message);
    await db.transaction().execute(async (tx) => {
      await endJob(tx, job.jobKey, { state: answer === "gone" ? "cancelled" : "failed", errorMessage: message });
      await appendAudit(tx, {
        actorId: null,
        ip: null,
        action: "job.unserved",
        outcome: "ok",
        resourceType: "job",
        resourceId: job.jobKey,
        details: { caseId: job.caseId, type: job.type, activations: job.activations, seconds },
      });
    });
    if (answer === "done") unserved++;
    deps.logger.warn({ caseId: job.caseId, type: job.type }, "external job not served by any worker: incident");
  }
  let gone = 0;
  for (const job of await takeJobsToCheck(db, options.checkSeconds ?? CHECK_SECONDS)) {
    if ((await checkJobActivity(temporal.client, job.taskToken)) === "gone") {
      await endJob(db, job.jobKey, { state: "cancelled" });
      gone++;
    }
  }
  return { unserved, gone };
}

/** Runs sweepJobs every `intervalMs`, one sweep at a time, until stopped. */
export function startJobSweeper(deps: SweepDeps, intervalMs = 2_000): Sweeper {
  return startSweeper("job sweep", () => sweepJobs(deps), { intervalMs, logger: deps.logger });
}
