/** Starting a case: number it, store it, its documents and its workflow input, then start the workflow. */
import { createHash, randomUUID } from "node:crypto";
import type { StartCaseData } from "@alur/shared/api";
import type { BusinessCalendar } from "@alur/shared/calendar";
import { calendarFor } from "@alur/shared/calendar/districts";
import { notAllowedKeys, notAllowedMessage, validateTaskData } from "@alur/shared/forms";
import { ExecutionPlan } from "@alur/shared/plan";
import type { Principal } from "../../auth/principal";
import { appendAudit } from "../../store/audit";
import { appendCaseEvent } from "../../store/case-events";
import { nextCaseNumber } from "../../store/case-numbers";
import { addCaseDocument, insertCase } from "../../store/cases";
import type { Db } from "../../store/db";
import { findDistrictUnit } from "../../store/org-units";
import { deployedCalledPlans, resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { insertPendingStart } from "../../store/workflow-starts";
import { type BpmnProcessInput, caseWorkflowId } from "../../temporal/definitions";
import type { AppDeps } from "../context";
import { ApiException } from "../errors";
import { newTrackingCode, trackingCodeHash } from "../public/tracking-code";
import { caseDueAt } from "./due-date";
import { ANY_DOCUMENT, acceptUploads, type ReceivedFile, type Upload } from "./uploads";
import { launchWorkflow } from "./workflow-start";

/** Today's date (YYYY-MM-DD) and year in WIB, the zone effective dates are written in. */
function wibToday(now: Date): { date: string; year: number } {
  const date = wibDate(now);
  return { date, year: Number(date.slice(0, 4)) };
}

/** The district's calendar, or undefined for a district without calendar data (the workflow falls back). */
function districtCalendar(district: string, year: number): BusinessCalendar | undefined {
  try {
    return calendarFor(district, [year, year + 1, year + 2]);
  } catch {
    return undefined;
  }
}

export function startRequestHash(data: StartCaseData, files: ReceivedFile[]): string {
  const h = createHash("sha256").update(JSON.stringify(data));
  for (const f of files) h.update(`|${f.requirementId}:${f.filename}:${f.size}:${f.sha256}`);
  return h.digest("hex");
}

/**
 * Start data sets only the start form's editable fields; a process without a start form takes
 * none (who applies travels in `applicant`). Refused before anything is stored. Only the keys are
 * checked here: the front office does not render start forms, so their required fields and value
 * rules are not enforced at start.
 */
function refuseUndeclaredStartData(plan: ExecutionPlan, variables: Record<string, unknown>): void {
  const form = plan.startFormId ? plan.forms[plan.startFormId] : undefined;
  const result = validateTaskData(form, variables, {}, { conditions: "ignore" });
  const keys = result.ok ? [] : notAllowedKeys(result.errors);
  if (keys.length > 0) throw new ApiException(422, "data-not-allowed", { keys, reason: notAllowedMessage(keys) });
}

export async function startCase(
  deps: AppDeps,
  input: {
    principal: Principal;
    ip: string;
    data: StartCaseData;
    files: ReceivedFile[];
    /**
     * Runs in the case's transaction once the case and its documents are written (the online
     * application keeps its applicant's contact and receipt with the case, or neither is kept).
     */
    withCase?: (
      tx: Db,
      created: {
        caseId: string;
        caseNumber: string;
        dueAt: string | null;
        at: Date;
        uploads: Upload[];
        plan: ExecutionPlan;
      },
    ) => Promise<void>;
  },
): Promise<{ caseId: string; startPending: boolean; trackingCode: string }> {
  const { db } = deps;
  const { data, principal } = input;
  const now = new Date();
  const today = wibToday(now);
  const version = await resolvePublishedVersion(db, {
    processId: data.processId,
    district: data.district,
    today: today.date,
  });
  if (!version)
    throw new ApiException(422, "process-not-published", { processId: data.processId, district: data.district });
  const plan = ExecutionPlan.parse(version.plan);
  refuseUndeclaredStartData(plan, data.variables);
  const requirements = plan.standard?.requirements ?? [];
  const unknownRequirement = input.files.find(
    (f) => f.requirementId && !requirements.some((r) => r.id === f.requirementId),
  );
  if (unknownRequirement && requirements.length > 0) {
    throw new ApiException(400, "validation-failed", {
      issues: [{ path: `document:${unknownRequirement.requirementId}`, message: "unknown requirement" }],
    });
  }
  const uploads = await acceptUploads(
    deps.filesDir,
    input.files,
    (id) => requirements.find((r) => r.id === id) ?? ANY_DOCUMENT,
  );
  const unit = await findDistrictUnit(db, data.district);
  const calendar = districtCalendar(data.district, today.year);
  const dueAt = calendar ? caseDueAt(calendar, now, plan.standard?.completionTime) : null;

  const caseId = randomUUID();
  // handed to whoever started the case, for the applicant; only its hash is kept
  const trackingCode = newTrackingCode();
  const documents: Record<string, string[]> = {};
  const { row: caseRow, workflowInput } = await db.transaction().execute(async (tx) => {
    const caseNumber = await nextCaseNumber(tx, {
      districtAbbreviation: unit?.abbreviation ?? data.district,
      serviceCode: plan.standard?.code ?? plan.processId,
      year: today.year,
    });
    const row = await insertCase(tx, {
      id: caseId,
      caseNumber,
      district: data.district,
      processVersionId: version.id,
      processId: version.process_id,
      workflowId: caseWorkflowId(caseId),
      applicant: data.applicant,
      dueAt,
      createdBy: principal.userId,
      startedAt: now,
      trackingCodeHash: trackingCodeHash(caseId, trackingCode),
    });
    for (const u of uploads) {
      const id = randomUUID();
      await addCaseDocument(tx, {
        id,
        case_id: caseId,
        requirement_id: u.requirementId,
        sha256: u.sha256,
        filename: u.filename,
        content_type: u.contentType,
        size: u.size,
        uploaded_by: principal.userId,
      });
      const key = u.requirementId ?? "other";
      documents[key] = [...(documents[key] ?? []), id];
    }
    await appendCaseEvent(tx, {
      caseId,
      type: "case.created",
      actor: principal.userId,
      at: now,
      data: { caseNumber, processVersionId: version.id, version: version.version, documents: uploads.length },
      dedupeKey: `${caseId}:created`,
    });
    await appendAudit(tx, {
      actorId: principal.userId,
      ip: input.ip,
      action: "case.start",
      outcome: "ok",
      resourceType: "case",
      resourceId: caseId,
      district: data.district,
      after: { caseNumber, processId: version.process_id, version: version.version, applicant: data.applicant },
    });
    await input.withCase?.(tx, { caseId, caseNumber, dueAt, at: now, uploads, plan });
    // Calls to processes deployed from the same file run the versions deployed with this one.
    const calledPlans = await deployedCalledPlans(tx, version);
    // The business calendar travels in the input so every due date of the case replays identically.
    const workflowInput: BpmnProcessInput = {
      caseId,
      ...(calendar ? { calendar } : {}),
      ...(Object.keys(calledPlans).length > 0 ? { calledPlans } : {}),
      district: data.district,
      plan,
      planHash: version.plan_hash,
      variables: {
        ...data.variables,
        applicant: data.applicant,
        caseNumber,
        documents,
        startedBy: principal.userId,
      },
    };
    // Stored with the case: if the start below fails, the sweep starts it later (workflow-start.ts).
    await insertPendingStart(tx, { caseId, workflowId: row.workflow_id, input: workflowInput });
    return { row, workflowInput };
  });

  const pending = { caseId, workflowId: caseRow.workflow_id, input: workflowInput, attempts: 1 };
  const started = await launchWorkflow(deps, pending);
  return { caseId, startPending: !started, trackingCode };
}
