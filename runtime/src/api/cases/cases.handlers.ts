import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  type Bilingual,
  CaseMessageRequest,
  type CaseMessageResponse,
  type CaseView,
  RETENTION_PURGED_NOTE,
  type RetentionPurge,
  type RetryIncidentRequest,
  StartCaseData,
} from "@alur/shared/api";
import { messageNotAllowed, refusedMessageKeys } from "@alur/shared/message-payload";
import type { CaseIncident, CasePrivacy, CaseStateView } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import type { z } from "zod";
import { canAdminister, canMessageCase, canSeeCase, canSignalDistrict, canStartCase } from "../../auth/policy";
import type { Principal } from "../../auth/principal";
import { canSeeDocument, hiddenFields, redact } from "../../auth/privacy";
import { appendCaseEvent, listCaseEvents } from "../../store/case-events";
import {
  addCaseDocument,
  type CaseRow,
  caseParticipants,
  caseWithPlan,
  caseWorkflowsOf,
  dueAtBeforePauses,
  findCaseDocument,
  getCase,
  getCasePrivacy,
  listCaseDocuments,
  stepsOfCase,
} from "../../store/cases";
import type { Db } from "../../store/db";
import { filePath } from "../../store/file-store";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "../../store/idempotency";
import { caseAndCalledPlans } from "../../store/process-versions";
import { setTrackingCodeHash } from "../../store/tracking";
import { pendingStartOf } from "../../store/workflow-starts";
import {
  broadcastSignal,
  caseStateQuery,
  childWorkflowId,
  deliverMessageUpdate,
  incidentRoute,
  retryIncidentUpdate,
  unknownIncidentRejection,
} from "../../temporal/definitions";
import { audit } from "../audit-trail";
import { jsonProblem } from "../bodies";
import type { AppContext, AppDeps, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { newTrackingCode, trackingCodeHash } from "../public/tracking-code";
import type * as routes from "./cases.routes";
import { startCase, startRequestHash } from "./start-case";
import { ANY_DOCUMENT, checkUploads, type ReceivedFile, storeUploads } from "./uploads";
import { retryPendingStarts } from "./workflow-start";

/** Parses a JSON body or a multipart body whose `data` field is JSON; files come streamed to disk. */
export async function readBody<T extends z.ZodType>(c: AppContext, schema: T) {
  const type = c.req.header("content-type") ?? "";
  let raw: unknown;
  let files: ReceivedFile[] = [];
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    const form = await c.req.parseBody({ all: true });
    files = c.get("uploads") ?? [];
    try {
      raw = JSON.parse(typeof form.data === "string" ? form.data : "");
    } catch {
      throw new ApiException(400, "validation-failed", { issues: [{ path: "data", message: "must be JSON" }] });
    }
    const problem = jsonProblem(raw);
    if (problem) {
      throw new ApiException(400, "validation-failed", { issues: [{ ...problem, path: `data.${problem.path}` }] });
    }
  } else {
    raw = await c.req.json().catch(() => {
      throw new ApiException(400, "validation-failed", { issues: [{ path: "", message: "body must be JSON" }] });
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
    throw new ApiException(400, "validation-failed", { target: "body", issues });
  }
  return { data: parsed.data as z.infer<T>, files };
}

/**
 * Loads a case and checks the principal may see it; a refusal is audited, and so is every read
 * of a case of a sensitive service (UU 27/2022: who read which case, when, what was withheld).
 */
async function visibleCase(
  c: AppContext,
  p: Principal,
  caseId: string,
  action: string,
  forWrite = false,
): Promise<{ row: CaseRow; privacy: CasePrivacy | undefined }> {
  const { db } = c.get("deps");
  const row = await getCase(db, caseId);
  if (!row) throw new ApiException(404, "not-found");
  const parts = await caseParticipants(db, caseId);
  const scope = {
    district: row.district,
    createdBy: row.created_by,
    taskRoles: parts.roles,
    taskAssignees: parts.assignees,
  };
  await authorize(c, forWrite ? canMessageCase(p, scope) : canSeeCase(p, scope), action, {
    type: "case",
    id: caseId,
    district: row.district,
  });
  const privacy = await getCasePrivacy(db, row.process_version_id);
  return { row, privacy };
}

/** Audits a read of a sensitive case (no-op for other services). */
async function auditSensitiveRead(
  c: AppContext,
  p: Principal,
  row: CaseRow,
  privacy: CasePrivacy | undefined,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (!privacy?.sensitive) return;
  await audit(c, c.get("deps").db, {
    action,
    outcome: "ok",
    resourceType: "case",
    resourceId: row.id,
    district: row.district,
    details: {
      method: c.req.method,
      path: c.req.path,
      roles: p.roles,
      hiddenFields: [...hiddenFields(privacy, p)],
      ...details,
    },
  });
}

/** How long a case read waits for the workflow's own view of its incidents. */
const INCIDENT_QUERY_TIMEOUT_MS = 3_000;

/**
 * Open incidents of a case whose status says it has some, as the workflow holds them; undefined
 * when the workflow cannot be asked (the rest of the case view does not depend on it).
 */
export async function openIncidents(
  deps: Pick<AppDeps, "temporal" | "logger">,
  row: CaseRow,
): Promise<CaseIncident[] | undefined> {
  if (row.status !== "incident") return [];
  return (await workflowState(deps, row))?.incidents;
}

/** The case workflow's own view (it includes its called cases' incidents); undefined when it cannot be asked. */
async function workflowState(
  deps: Pick<AppDeps, "temporal" | "logger">,
  row: CaseRow,
): Promise<CaseStateView | undefined> {
  const client = deps.temporal.client;
  try {
    return await client.withDeadline(Date.now() + INCIDENT_QUERY_TIMEOUT_MS, () =>
      client.workflow.getHandle(row.workflow_id).query(caseStateQuery),
    );
  } catch (error) {
    deps.logger.warn({ err: error, caseId: row.id }, "case incidents not available");
    return undefined;
  }
}

/** Said of a case whose personal data the retention sweep purged (absent otherwise). */
function retentionPurge(row: CaseRow): { purged: RetentionPurge } | Record<string, never> {
  return row.purged_at ? { purged: { at: new Date(row.purged_at).toISOString(), note: RETENTION_PURGED_NOTE } } : {};
}

/** The case as the principal may see it: restricted fields and documents of a sensitive service left out. */
async function caseView(
  db: Db,
  row: CaseRow,
  p: Principal,
  privacy: CasePrivacy | undefined,
  incidents?: CaseIncident[],
): Promise<CaseView> {
  const [documents, steps, pending, originalDue, info] = await Promise.all([
    listCaseDocuments(db, row.id),
    stepsOfCase(db, row.id),
    pendingStartOf(db, row.id),
    dueAtBeforePauses(db, row.id),
    caseWithPlan(db, row.id),
  ]);
  const forms = (info.plan as { forms?: Record<string, unknown> }).forms ?? {};
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? id } : null);
  const dueAt = iso(row.due_at);
  const hidden = hiddenFields(privacy, p);
  const shown = documents.filter((d) => canSeeDocument(privacy, p, d.requirement_id));
  const withheldDocuments = documents.length - shown.length;
  return {
    id: row.id,
    caseNumber: row.case_number,
    district: row.district,
    processId: row.process_id,
    processVersionId: row.process_version_id,
    status: row.status as CaseView["status"],
    applicant: redact(row.applicant, hidden),
    dueAt,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    suspendedSince: iso(row.suspended_since),
    createdBy: row.created_by,
    documents: shown.map((d) => ({
      id: d.id,
      requirementId: d.requirement_id,
      filename: d.filename,
      contentType: d.content_type,
      size: d.size,
      sha256: d.sha256,
      createdAt: new Date(d.created_at).toISOString(),
    })),
    ...(hidden.size > 0 || withheldDocuments > 0
      ? { withheld: { fields: [...hidden], documents: withheldDocuments } }
      : {}),
    ...retentionPurge(row),
    currentSteps: steps
      .filter((t) => t.status === "open" || t.status === "claimed")
      .map((t) => ({
        taskId: t.id,
        name: t.name,
        elementId: t.element_id,
        assignee: person(t.assignee, t.assignee_name),
        dueAt: iso(t.due_at),
        revision: t.revision,
      })),
    // the same personal-data rules as the task view: restricted fields of the results left out
    completedSteps: steps.flatMap((t) =>
      t.status === "completed" || t.status === "cancelled"
        ? [
            {
              taskId: t.id,
              name: t.name,
              elementId: t.element_id,
              status: t.status,
              closedAt: iso(t.closed_at),
              closedBy: person(t.closed_by, t.closed_by_name),
              form: t.form_id ? (forms[t.form_id] ?? null) : null,
              data: t.result ? redact(t.result, hidden) : null,
            },
          ]
        : [],
    ),
    clock: {
      pausedSince: iso(row.paused_since),
      originalDueAt:
        originalDue && dueAt && new Date(originalDue).getTime() !== new Date(dueAt).getTime()
          ? new Date(originalDue).toISOString()
          : null,
    },
    ...(pending ? { workflowPending: true } : {}),
    ...(incidents ? { incidents } : {}),
  };
}

export const start: RouteHandler<typeof routes.start, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const deps = c.get("deps");
  const { data, files } = await readBody(c, StartCaseData);
  await authorize(c, canStartCase(p, data.district), "case.start", { type: "case", district: data.district });

  const key = c.req.header("idempotency-key");
  if (key) {
    const claim = await claimIdempotencyKey(deps.db, {
      userId: p.userId,
      key,
      scope: "POST /cases",
      requestHash: startRequestHash(data, files),
    });
    // The code is not kept with the replayable answer (it is stored hashed only): a replay
    // hands out a fresh one, which replaces the code the lost first answer carried.
    if (claim.kind === "replay") {
      const replay = claim.response as CaseView;
      const trackingCode = newTrackingCode();
      await setTrackingCodeHash(deps.db, replay.id, trackingCodeHash(replay.id, trackingCode));
      return c.json({ ...replay, trackingCode }, 201);
    }
    if (claim.kind === "mismatch") throw new ApiException(422, "idempotency-mismatch");
    if (claim.kind === "in-progress") throw new ApiException(409, "idempotency-in-progress");
  }
  try {
    const { caseId, trackingCode } = await startCase(deps, { principal: p, ip: c.get("ip"), data, files });
    const row = (await getCase(deps.db, caseId))!;
    const view = await caseView(deps.db, row, p, await getCasePrivacy(deps.db, row.process_version_id));
    if (key) await completeIdempotencyKey(deps.db, { userId: p.userId, key, statusCode: 201, response: view });
    return c.json({ ...view, trackingCode }, 201);
  } catch (error) {
    if (key) await releaseIdempotencyKey(deps.db, { userId: p.userId, key });
    throw error;
  }
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId } = c.req.valid("param");
  const { row, privacy } = await visibleCase(c, p, caseId, "case.read");
  const deps = c.get("deps");
  // A case whose workflow could not be started is retried when read (if due), not only by the sweep.
  if (await pendingStartOf(deps.db, caseId)) await retryPendingStarts(deps, { caseId });
  const view = await caseView(deps.db, row, p, privacy, await openIncidents(deps, row));
  await auditSensitiveRead(c, p, row, privacy, "case.read", { withheldDocuments: view.withheld?.documents ?? 0 });
  return c.json(view, 200);
};

export const timeline: RouteHandler<typeof routes.timeline, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId } = c.req.valid("param");
  const { row, privacy } = await visibleCase(c, p, caseId, "case.read-timeline");
  const events = await listCaseEvents(c.get("deps").db, caseId);
  const hidden = hiddenFields(privacy, p);
  await auditSensitiveRead(c, p, row, privacy, "case.read-timeline");
  return c.json(
    {
      items: events.map((e) => ({
        id: Number(e.id),
        at: new Date(e.at).toISOString(),
        type: e.type,
        elementId: e.element_id,
        actor: e.actor,
        data: redact(e.data, hidden),
      })),
      ...retentionPurge(row),
    },
    200,
  );
};

export const document: RouteHandler<typeof routes.document, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId, documentId } = c.req.valid("param");
  const { row, privacy } = await visibleCase(c, p, caseId, "case.read-document");
  const deps = c.get("deps");
  const doc = await findCaseDocument(deps.db, caseId, documentId);
  if (!doc) throw new ApiException(404, "not-found");
  await authorize(c, canSeeDocument(privacy, p, doc.requirement_id), "case.read-document", {
    type: "case-document",
    id: documentId,
    district: row.district,
  });
  await auditSensitiveRead(c, p, row, privacy, "case.read-document", {
    documentId,
    requirementId: doc.requirement_id,
  });
  const bytes = await readFile(filePath(deps.filesDir, doc.sha256));
  await audit(c, deps.db, {
    action: "case.document-download",
    outcome: "ok",
    resourceType: "case",
    resourceId: caseId,
    district: row.district,
    details: { documentId: doc.id, sha256: doc.sha256, filename: doc.filename },
  });
  c.header("content-type", doc.content_type);
  c.header("content-disposition", `attachment; filename="${doc.filename.replace(/[^\w.-]/g, "_")}"`);
  return c.body(bytes, 200) as never;
};

export const message: RouteHandler<typeof routes.message, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId } = c.req.valid("param");
  const deps = c.get("deps");
  const { row } = await visibleCase(c, p, caseId, "case.message", true);
  const { data, files } = await readBody(c, CaseMessageRequest);
  // A message sets only what the steps that can take it declare (their output mappings); checked
  // before its files are stored, so a refused message leaves no trace on the case. `documents` is
  // the API's own key for the files below, not the sender's.
  const plans = await caseAndCalledPlans(deps.db, row.process_version_id, row.district);
  const refused = refusedMessageKeys(plans, data.name, data.payload);
  if (refused.length > 0) {
    throw new ApiException(422, "data-not-allowed", { keys: refused, reason: messageNotAllowed(data.name, refused) });
  }
  const checked = checkUploads(files, () => ANY_DOCUMENT);
  // Ids before delivery (the payload names them); the rows are written only if the message is kept.
  const documentIds = checked.map(() => randomUUID());
  const payload = documentIds.length > 0 ? { ...data.payload, documents: documentIds } : data.payload;
  let delivery: CaseMessageResponse;
  try {
    const handle = deps.temporal.client.workflow.getHandle(row.workflow_id);
    delivery = await handle.executeUpdate(deliverMessageUpdate, {
      args: [{ name: data.name, correlationKey: data.correlationKey, payload, actor: p.userId }],
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiException(409, "case-not-running");
    if (error instanceof WorkflowUpdateFailedError) {
      // the workflow's validator refuses undeclared keys too (a plan the API could not know)
      const [rejection] = error.cause instanceof ApplicationFailure ? (error.cause.details ?? []) : [];
      const refusal = rejection as { code?: string; id: string; en: string; fields?: string[] } | undefined;
      if (refusal?.code === "data-not-allowed") {
        throw new ApiException(422, "data-not-allowed", {
          keys: refusal.fields ?? [],
          reason: { id: refusal.id, en: refusal.en },
        });
      }
      throw new ApiException(422, "message-rejected", { reason: error.cause?.message ?? error.message });
    }
    throw error;
  }
  // The files belong to the message: a message no step can receive is not kept, nor are its files.
  const kept = delivery.correlated || delivery.buffered;
  const uploads = kept ? await storeUploads(deps.filesDir, checked) : [];
  const documents = kept ? documentIds : [];
  await deps.db.transaction().execute(async (tx) => {
    for (const [i, u] of uploads.entries()) {
      await addCaseDocument(tx, {
        id: documentIds[i]!,
        case_id: caseId,
        requirement_id: u.requirementId,
        sha256: u.sha256,
        filename: u.filename,
        content_type: u.contentType,
        size: u.size,
        uploaded_by: p.userId,
      });
    }
    await appendCaseEvent(tx, {
      caseId,
      type: "case.message",
      actor: p.userId,
      data: { name: data.name, correlationKey: data.correlationKey ?? null, ...delivery, documents },
    });
    await audit(c, tx, {
      action: "case.message",
      outcome: "ok",
      resourceType: "case",
      resourceId: caseId,
      district: row.district,
      after: {
        name: data.name,
        correlationKey: data.correlationKey ?? null,
        payload: data.payload,
        documents,
        ...(kept ? {} : { filesNotKept: checked.length }),
        ...delivery,
      },
    });
  });
  const note = deliveryNote(delivery, checked.length);
  const body = { ...delivery, ...(note ? { note } : {}) };
  // 202: accepted and kept, but nothing has happened to the case yet.
  return delivery.buffered ? c.json(body, 202) : c.json(body, 200);
};

function deliveryNote(delivery: CaseMessageResponse, files: number): Bilingual | undefined {
  if (delivery.correlated) return undefined;
  if (delivery.buffered) {
    const until = delivery.expiresAt ? ` (paling lambat ${delivery.expiresAt})` : "";
    const untilEn = delivery.expiresAt ? ` (until ${delivery.expiresAt} at the latest)` : "";
    return {
      id: `Pesan disimpan sampai langkah yang menunggunya aktif${until}.`,
      en: `Message kept until a step waits for it${untilEn}.`,
    };
  }
  if (files > 0) {
    return {
      id: `Tidak ada langkah permohonan ini yang dapat menerima pesan ini; pesan dan ${files} berkasnya tidak disimpan.`,
      en: `No step of this case can receive this message; neither it nor its ${files} file(s) were kept.`,
    };
  }
  return {
    id: "Tidak ada langkah permohonan ini yang dapat menerima pesan ini; pesan tidak disimpan.",
    en: "No step of this case can receive this message; it was not kept.",
  };
}

/**
 * Retries one open incident of the case in the workflow that holds it (a called case's own) and
 * puts the retry on the timeline: the single retry and a batch's items take this one path.
 */
export async function retryCaseIncident(
  deps: Pick<AppDeps, "temporal" | "db" | "logger">,
  row: Pick<CaseRow, "id" | "workflow_id">,
  incidentId: string,
  actor: Pick<Principal, "userId" | "roles" | "district">,
  variables: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
): Promise<{ state: CaseStateView; inChild: boolean }> {
  const caseId = row.id;
  // An incident of a called case is retried in that case's own workflow, under its own id there.
  const route = incidentRoute(incidentId);
  const inChild = route.childPath.length > 0;
  const workflowId = inChild ? childWorkflowId(caseId, route.childPath.join("/")) : row.workflow_id;
  let state: CaseStateView;
  try {
    state = await deps.temporal.client.workflow.getHandle(workflowId).executeUpdate(retryIncidentUpdate, {
      args: [
        {
          incidentId: route.incidentId,
          ...(variables ? { variables } : {}),
          actor: { userId: actor.userId, roles: actor.roles, district: actor.district },
        },
      ],
    });
  } catch (error) {
    // No such called case (any more): the incident is as unknown as a wrong id.
    if (error instanceof WorkflowNotFoundError) {
      if (inChild) throw new ApiException(404, "not-found", unknownIncidentRejection(incidentId));
      throw new ApiException(409, "case-not-running");
    }
    if (error instanceof WorkflowUpdateFailedError) {
      // The validator's {code, id, en}: an unknown or already resolved incident, named as the case shows it.
      const details = (error.cause as { details?: { code?: unknown }[] } | undefined)?.details?.[0];
      if (inChild && details?.code === "unknown-incident") {
        throw new ApiException(404, "not-found", unknownIncidentRejection(incidentId));
      }
      throw new ApiException(404, "not-found", details ?? { reason: error.cause?.message ?? error.message });
    }
    deps.logger.error({ err: error, caseId, incidentId }, "retryIncident update failed");
    throw new ApiException(503, "workflow-unavailable");
  }
  const names = Object.keys(variables ?? {});
  await appendCaseEvent(deps.db, {
    caseId,
    type: "case.incident-retried",
    actor: actor.userId,
    data: { incidentId, variables: names, ...extra },
  });
  return { state, inChild };
}

export const retryIncident: RouteHandler<typeof routes.retryIncident, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { caseId, incidentId } = c.req.valid("param");
  const deps = c.get("deps");
  const row = await getCase(deps.db, caseId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canAdminister(p, row.district), "case.retry-incident", {
    type: "case",
    id: caseId,
    district: row.district,
  });
  // Without a JSON body the validator did not run: a retry that fixes nothing.
  const body: RetryIncidentRequest = (c.req.valid("json") as RetryIncidentRequest | undefined) ?? {};
  const { state, inChild } = await retryCaseIncident(deps, row, incidentId, p, body.variables);
  await audit(c, deps.db, {
    action: "case.retry-incident",
    outcome: "ok",
    resourceType: "case",
    resourceId: caseId,
    district: row.district,
    after: { incidentId, variables: body.variables ?? {} },
  });
  const now = (await getCase(deps.db, caseId)) ?? row;
  const privacy = await getCasePrivacy(deps.db, row.process_version_id);
  if (!inChild) return c.json(await caseView(deps.db, now, p, privacy, state.incidents), 200);
  // The called case accepted the retry, but its news travels up one case at a time (a signal per
  // level, each case relaying in its own next step) and the case may not have written its row yet:
  // answer from the top case's own view without the incident just resolved.
  const top = await workflowState(deps, now);
  const incidents = top?.incidents.filter((i) => i.id !== incidentId);
  const view = await caseView(deps.db, now, p, privacy, incidents);
  const running = view.status === "active" || view.status === "incident";
  if (!top || !running) return c.json(view, 200);
  const status = top.status === "incident" && incidents?.length === 0 ? "active" : top.status;
  return c.json({ ...view, status }, 200);
};

export const signal: RouteHandler<typeof routes.signal, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  await authorize(c, canSignalDistrict(p, body.district), "signal.broadcast", {
    type: "district",
    id: body.district,
    district: body.district,
  });
  const deps = c.get("deps");
  const cases = await caseWorkflowsOf(deps.db, { district: body.district, statuses: ["active"] });
  let delivered = 0;
  // Small batches: a district has hundreds of active cases, not millions.
  for (let i = 0; i < cases.length; i += 20) {
    const batch = cases.slice(i, i + 20);
    const results = await Promise.allSettled(
      batch.map((k) =>
        deps.temporal.client.workflow
          .getHandle(k.workflowId)
          .signal(broadcastSignal, { name: body.name, payload: body.payload }),
      ),
    );
    delivered += results.filter((r) => r.status === "fulfilled").length;
  }
  await audit(c, deps.db, {
    action: "signal.broadcast",
    outcome: "ok",
    resourceType: "district",
    resourceId: body.district,
    district: body.district,
    after: { name: body.name, payload: body.payload, delivered },
  });
  return c.json({ delivered }, 200);
};
