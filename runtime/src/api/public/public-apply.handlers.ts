/**
 * Online applications (no sign-in): the applicant fills the service's start form, uploads its
 * requirement documents and gives a phone number and/or email; the case starts as the front
 * office starts one (start-case.ts: the same number, documents and upload checks), its actor the
 * online channel, and the applicant gets the tanda terima. Abuse limits: applications per client
 * address (checked before the body is read), per phone or email, and a size cap on the files.
 */
import { randomUUID } from "node:crypto";
import { type ApplicationReceipt, PublicApplicationData, TrackUploadData } from "@alur/shared/api";
import { findDistrict } from "@alur/shared/calendar/districts";
import { notAllowedKeys, notAllowedMessage, validateTaskData } from "@alur/shared/forms";
import { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { createMiddleware } from "hono/factory";
import type { Principal } from "../../auth/principal";
import { appendCaseEvent } from "../../store/case-events";
import { addCaseDocument } from "../../store/cases";
import { resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { applicationsSince, insertPublicApplication, noticeApplicant } from "../../store/public-applications";
import { closeTask } from "../../store/tasks";
import { applicantStepsOf, findTrackableCase } from "../../store/tracking";
import { spendVerificationCode } from "../../store/verification-codes";
import { completeTaskUpdate, instanceWorkflowId } from "../../temporal/definitions";
import { audit } from "../audit-trail";
import { readBody } from "../cases/cases.handlers";
import { startCase } from "../cases/start-case";
import { checkUploads, storeUploads } from "../cases/uploads";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { maskEmail, maskPhone, ONLINE_APPLICANT } from "./online-applicant";
import { trackingViewOf } from "./public.handlers";
import type * as routes from "./public.routes";
import { trackedCase } from "./tracked-case";
import { checkVerificationCode, verificationRequired } from "./verification";

export { ONLINE_APPLICANT };
/** Applications one client address may make per window (an office's shared connection makes several). */
export const APPLY_IP_LIMIT = 10;
export const APPLY_IP_WINDOW_MS = 60 * 60 * 1000;
/** Applications per phone number or email address per window. */
export const APPLY_CONTACT_LIMIT = 3;
export const APPLY_CONTACT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** All files of one online application together (each file at most 10 MB, as at the counter). */
export const APPLY_MAX_TOTAL_BYTES = 25 * 1024 * 1024;

/** 429 before a byte of the body is read, for a client address past its applications. */
export function applicationLimit() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const since = new Date(Date.now() - APPLY_IP_WINDOW_MS);
    if ((await applicationsSince(c.get("deps").db, { ip: c.get("ip") }, since)) >= APPLY_IP_LIMIT) {
      throw new ApiException(429, "application-rate-limited", undefined, {
        "Retry-After": String(APPLY_IP_WINDOW_MS / 1000),
      });
    }
    await next();
  });
}

function applicantPrincipal(district: string): Principal {
  return {
    userId: ONLINE_APPLICANT,
    username: "pemohon-daring",
    displayName: "Pemohon (daring)",
    orgUnitId: "",
    district,
    roles: [],
    actingRoles: [],
    mustChangePassword: false,
    sso: false,
    isSuperAdmin: false,
    isDistrictAdmin: false,
    isHead: false,
  };
}

interface FormComponent {
  key?: string;
  label?: string;
  components?: FormComponent[];
}

/** The start form's fields with their labels, in form order. */
function formFields(form: unknown): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  const walk = (components: FormComponent[] | undefined) => {
    for (const c of components ?? []) {
      if (c.key) out.push({ key: c.key, label: c.label?.trim() || c.key });
      walk(c.components);
    }
  };
  walk((form as FormComponent | undefined)?.components);
  return out;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function tanggal(d: Date): string {
  return d.toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "long", timeStyle: "short" });
}

export const apply: RouteHandler<typeof routes.apply, AppEnv> = async (c) => {
  const { district, processId } = c.req.valid("param");
  const deps = c.get("deps");
  const { db } = deps;
  const districtInfo = findDistrict(district);
  if (!districtInfo || district.length < 4) throw new ApiException(404, "not-found");
  const version = await resolvePublishedVersion(db, { processId, district, today: wibDate(new Date()) });
  const plan = version ? ExecutionPlan.parse(version.plan) : undefined;
  // only a public service (one with a published standard) takes applications
  if (!version || !plan?.standard) throw new ApiException(404, "not-found");
  const { data, files } = await readBody(c, PublicApplicationData);
  const contact = { phone: data.contact.phone ?? null, email: data.contact.email ?? null };
  const since = new Date(Date.now() - APPLY_CONTACT_WINDOW_MS);
  if ((await applicationsSince(db, contact, since)) >= APPLY_CONTACT_LIMIT) {
    await audit(c, db, {
      actorId: ONLINE_APPLICANT,
      action: "case.apply",
      outcome: "denied",
      resourceType: "process",
      resourceId: processId,
      district,
      details: { reason: "contact-rate-limited" },
    });
    throw new ApiException(429, "contact-rate-limited", undefined, {
      "Retry-After": String(APPLY_CONTACT_WINDOW_MS / 1000),
    });
  }

  const verificationCodeId = verificationRequired(deps.env, district)
    ? await checkVerificationCode(c, { district, processId, contact, code: data.verificationCode })
    : undefined;

  // The start form as the applicant saw it: required fields and value rules hold here, as the
  // form-js viewer checked them in the browser (the counter's path checks only the keys).
  const form = plan.startFormId ? plan.forms[plan.startFormId] : undefined;
  const checked = validateTaskData(form, data.variables);
  if (!checked.ok) {
    const keys = notAllowedKeys(checked.errors);
    if (keys.length > 0) throw new ApiException(422, "data-not-allowed", { keys, reason: notAllowedMessage(keys) });
    throw new ApiException(422, "application-form-invalid", { errors: checked.errors });
  }
  const requirements = plan.standard.requirements ?? [];
  const missing = requirements.filter((r) => r.mandatory && !files.some((f) => f.requirementId === r.id));
  if (missing.length > 0) {
    throw new ApiException(422, "documents-missing", { missing: missing.map((r) => ({ id: r.id, name: r.name })) });
  }

  const serviceName = plan.standard.name ?? version.name;
  const trackUrl = `${new URL(c.req.url).origin}/lacak?d=${district}`;
  let receipt: Omit<ApplicationReceipt, "trackingCode"> | undefined;
  const { caseId, trackingCode } = await startCase(deps, {
    principal: applicantPrincipal(district),
    ip: c.get("ip"),
    data: { processId, district, applicant: data.applicant, variables: data.variables },
    files,
    withCase: async (tx, created) => {
      const values = data.variables as Record<string, unknown>;
      receipt = {
        caseNumber: created.caseNumber,
        serviceName,
        district: { code: district, name: districtInfo.name },
        applicantName: data.applicant.name,
        receivedAt: created.at.toISOString(),
        dueAt: created.dueAt ? new Date(created.dueAt).toISOString() : null,
        documents: created.uploads.map((u) => ({
          requirementId: u.requirementId,
          name: requirements.find((r) => r.id === u.requirementId)?.name ?? u.filename,
          filename: u.filename,
          size: u.size,
        })),
        fields: formFields(form)
          .filter((f) => values[f.key] !== undefined && values[f.key] !== "")
          .map((f) => ({ label: f.label, value: asText(values[f.key]) })),
        contact: {
          ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
          ...(contact.email ? { email: maskEmail(contact.email) } : {}),
        },
      };
      // the code opens this application only: spent with it, or the whole application rolls back
      if (verificationCodeId && !(await spendVerificationCode(tx, verificationCodeId))) {
        throw new ApiException(400, "verification-invalid");
      }
      await insertPublicApplication(tx, {
        caseId: created.caseId,
        district,
        ...contact,
        ip: c.get("ip"),
        trackUrl: `${trackUrl}&nomor=${encodeURIComponent(created.caseNumber)}`,
        receipt,
      });
      const due = created.dueAt ? `Perkiraan selesai: ${tanggal(new Date(created.dueAt))}.\n` : "";
      await noticeApplicant(tx, {
        caseId: created.caseId,
        title: `Tanda terima permohonan ${created.caseNumber}`,
        body:
          `Permohonan ${serviceName} atas nama ${data.applicant.name} telah diterima Dinas Sosial ` +
          `${districtInfo.name} pada ${tanggal(created.at)} dengan nomor ${created.caseNumber}.\n` +
          `Dokumen diterima: ${created.uploads.length}.\n${due}` +
          "Lacak permohonan Anda dengan nomor permohonan dan kode pelacakan pada tanda terima: {link}",
        dedupeKey: `applicant:${created.caseId}:receipt`,
      });
      await audit(c, tx, {
        actorId: ONLINE_APPLICANT,
        action: "case.apply",
        outcome: "ok",
        resourceType: "case",
        resourceId: created.caseId,
        district,
        after: {
          caseNumber: created.caseNumber,
          processId,
          documents: created.uploads.length,
          contact: receipt.contact,
        },
      });
    },
  });
  void caseId;
  c.header("cache-control", "no-store");
  return c.json({ ...receipt!, trackingCode }, 201);
};

/**
 * The applicant uploads what a step of role `applicant` asks for: the files are checked as at the
 * counter, the step is completed through the workflow's task update (as staff complete theirs:
 * the workflow closes the task row and audits it), which ends its clock stop; the documents are
 * kept only once the workflow took the completion.
 */
export const trackUpload: RouteHandler<typeof routes.trackUpload, AppEnv> = async (c) => {
  const { data, files } = await readBody(c, TrackUploadData);
  const row = await trackedCase(c, data, "case.track-upload");
  const deps = c.get("deps");
  const { db } = deps;
  const step = (await applicantStepsOf(db, row.id)).find((t) => t.id === data.taskId);
  if (!step) throw new ApiException(409, "task-closed");
  const plan = ExecutionPlan.parse(row.plan);
  const node = plan.nodes[step.element_id];
  const asked = node?.type === "userTask" ? node.task.documents : [];
  const requirements = (plan.standard?.requirements ?? []).filter((r) => asked.includes(r.id));
  const unknown = files.find((f) => !f.requirementId || !requirements.some((r) => r.id === f.requirementId));
  if (unknown) {
    throw new ApiException(400, "validation-failed", {
      issues: [{ path: `document:${unknown.requirementId ?? ""}`, message: "not asked for by this step" }],
    });
  }
  const missing = requirements.filter((r) => r.mandatory && !files.some((f) => f.requirementId === r.id));
  if (missing.length > 0 || files.length === 0) {
    throw new ApiException(422, "documents-missing", { missing: missing.map((r) => ({ id: r.id, name: r.name })) });
  }
  const checked = checkUploads(files, (id) => requirements.find((r) => r.id === id) ?? { fileTypes: [] });
  const workflowId = instanceWorkflowId(row.id, row.workflow_id, step.element_instance_id);
  try {
    await deps.temporal.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: step.id,
          actor: { userId: ONLINE_APPLICANT, username: "pemohon-daring", roles: ["applicant"], district: row.district },
          data: {},
          ip: c.get("ip"),
        },
      ],
      updateId: `complete:${step.id}:${ONLINE_APPLICANT}`,
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
      throw new ApiException(409, "task-closed", { reason: error.message });
    }
    deps.logger.error({ err: error, taskId: step.id }, "applicant upload: completeTask update failed");
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
  const uploads = await storeUploads(deps.filesDir, checked);
  await db.transaction().execute(async (tx) => {
    const ids: string[] = [];
    for (const u of uploads) {
      const id = randomUUID();
      ids.push(id);
      await addCaseDocument(tx, {
        id,
        case_id: row.id,
        requirement_id: u.requirementId,
        sha256: u.sha256,
        filename: u.filename,
        content_type: u.contentType,
        size: u.size,
        uploaded_by: ONLINE_APPLICANT,
      });
    }
    await appendCaseEvent(tx, {
      caseId: row.id,
      type: "case.documents-supplied",
      actor: ONLINE_APPLICANT,
      elementId: step.element_id,
      data: { taskId: step.id, documents: ids },
    });
    await audit(c, tx, {
      actorId: ONLINE_APPLICANT,
      action: "case.documents-supplied",
      outcome: "ok",
      resourceType: "case",
      resourceId: row.id,
      district: row.district,
      after: {
        taskId: step.id,
        documents: uploads.map((u) => ({ requirementId: u.requirementId, filename: u.filename })),
      },
    });
  });
  // the workflow's store activity closed the row before the update returned; a no-op then
  await closeTask(db, {
    taskId: step.id,
    status: "completed",
    by: ONLINE_APPLICANT,
    result: {},
    audit: { ip: c.get("ip") },
  });
  const now = await findTrackableCase(db, row.case_number);
  c.header("cache-control", "no-store");
  return c.json(await trackingViewOf(db, now ?? row), 200);
};
