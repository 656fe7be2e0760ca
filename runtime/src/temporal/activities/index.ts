/**
 * The activities of the bpmnProcess workflow: the store, connectors and calendar data, the only
 * places where a case touches the outside world. Every one is idempotent so Temporal may retry it.
 */

import path from "node:path";
import { calendarFor, findDistrict } from "@alur/shared/calendar/districts";
import { isBuiltInConnector } from "@alur/shared/connectors";
import type { ExecutionPlan } from "@alur/shared/plan";
import { CompleteAsyncError, Context } from "@temporalio/activity";
import { runConnector } from "../../connectors";
import type { Env } from "../../env";
import type { Logger } from "../../logger";
import { noticeApplicantStep, noticeApplicationCompleted } from "../../notifications/applicant-notices";
import { noticeTaskAssigned } from "../../notifications/task-notices";
import { appendCaseEvents } from "../../store/case-events";
import { caseWorkflowsOf, migrateCaseRows, setCaseStatus } from "../../store/cases";
import type { Db } from "../../store/db";
import { externalJobKey, offerJob } from "../../store/external-jobs";
import { resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { APPLICANT_ROLE } from "../../store/public-applications";
import { closeTask, createTask, resolveAssignment } from "../../store/tasks";
import type { CaseActivities } from "./contract";

export type { CaseActivities } from "./contract";

/** The district used when a case's district has no calendar data: national holidays, WIB. */
const FALLBACK_DISTRICT = "00";

export interface ActivityDeps {
  db: Db;
  logger: Logger;
  env: Pick<Env, "ALUR_DATA_DIR" | "HTTP_CONNECTOR_ALLOW">;
  /** Defaults to ALUR_DATA_DIR/files. */
  filesDir?: string;
  fetch?: typeof fetch;
  /**
   * Check a task's roles and users against the directory (default). A simulation has no accounts:
   * it stores tasks with the names the model gives.
   */
  directory?: "check" | "none";
}

export function createActivities(deps: ActivityDeps): CaseActivities {
  const { db, logger } = deps;
  const connectorDeps = {
    db,
    logger,
    httpAllow: deps.env.HTTP_CONNECTOR_ALLOW.split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    filesDir: deps.filesDir ?? path.join(deps.env.ALUR_DATA_DIR, "files"),
    fetch: deps.fetch,
  };

  return {
    async createTask(input) {
      if (deps.directory === "none") {
        const row = await createTask(db, { ...input, id: input.taskId });
        return { taskId: row.id };
      }
      const resolved = await resolveAssignment(db, {
        district: input.district,
        roles: input.roles,
        assignee: input.assignee,
        candidateUsers: input.candidateUsers ?? [],
      });
      if (!resolved.ok) return { taskId: input.taskId, refused: resolved.reason };
      const row = await createTask(db, {
        ...input,
        id: input.taskId,
        assignee: resolved.assignee,
        candidateUsers: resolved.candidateUsers,
      });
      await noticeTaskAssigned(db, row);
      // a step the applicant does (role `applicant`): an online applicant is asked, once per task
      if (row.roles.includes(APPLICANT_ROLE)) await noticeApplicantStep(db, row);
      return { taskId: row.id };
    },

    async closeTask(input) {
      await closeTask(db, input);
    },

    async recordCaseEvents({ caseId, events }) {
      await appendCaseEvents(
        db,
        events.map((e) => ({ ...e, caseId })),
      );
    },

    async migrateCase(input) {
      await migrateCaseRows(db, input);
    },

    async setCaseStatus(input) {
      await setCaseStatus(db, input);
      // the applicant of an online application is told once (a retry finds the notice written)
      if (input.status === "completed") await noticeApplicationCompleted(db, input.caseId);
    },

    async runConnector(input) {
      const jobKey = input.jobId ?? input.elementInstanceId;
      if (!isBuiltInConnector(input.type)) {
        // An external job: offered to workers of the job API, which complete this activity
        // with its task token; until then the activity stays open on Temporal (its timeouts and
        // retries are the job's lifetime).
        const info = Context.current().info;
        await offerJob(db, {
          jobKey: externalJobKey(input.caseId, jobKey),
          caseId: input.caseId,
          district: input.district,
          elementId: input.elementId,
          type: input.type,
          headers: input.headers,
          variables: input.variables,
          retries: input.retries ?? 3,
          taskToken: Buffer.from(info.taskToken).toString("base64"),
        });
        throw new CompleteAsyncError();
      }
      const signal = activitySignal();
      const result = await runConnector(
        connectorDeps,
        { ...input, jobKey, at: input.at ?? new Date().toISOString() },
        signal,
      );
      if (!result.ok)
        logger.info({ caseId: input.caseId, element: input.elementId, ...result.bpmnError }, "bpmn error");
      return result;
    },

    async loadCalendar({ district, years }) {
      if (!findDistrict(district)) {
        logger.warn({ district }, "no calendar data for district; using the national calendar");
        return calendarFor(FALLBACK_DISTRICT, years);
      }
      return calendarFor(district, years);
    },

    async loadPlan({ processId, district, at }) {
      // the version in effect when the call starts (workflow time), as for a case started by the API
      const row = await resolvePublishedVersion(db, {
        processId,
        district,
        today: wibDate(at ? new Date(at) : new Date()),
      });
      return row ? { plan: row.plan as ExecutionPlan, planHash: row.plan_hash } : null;
    },

    async listCaseWorkflows({ district, excludeCaseId }) {
      const cases = await caseWorkflowsOf(db, { district, statuses: ["active", "incident"], excludeCaseId });
      return cases.map((k) => k.workflowId);
    },
  };
}

/** The activity's cancellation signal, or undefined outside an activity (unit tests). */
function activitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}
