/**
 * The public face, no sign-in: the district's catalogue and published standards, and tracking by
 * case number and code. What is published is only what a new case would run today; what a
 * tracker sees is only the stage, dates and clock stops of the one case the code belongs to.
 */

import { readFile } from "node:fs/promises";
import { ApplicationReceipt, type PublicDistrict, type PublicService, type TrackingView } from "@alur/shared/api";
import { findDistrict } from "@alur/shared/calendar/districts";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { DerivedStandard } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Db } from "../../store/db";
import { filePath } from "../../store/file-store";
import {
  type ProcessVersionRow,
  publishedInEffect,
  resolvePublishedVersion,
  wibDate,
} from "../../store/process-versions";
import { publicApplicationOf } from "../../store/public-applications";
import { applicantStepsOf, clockEventsOf, lastGeneratedDocumentOf, openStepsOf } from "../../store/tracking";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { derivedStandardOf } from "../standards/derived-standard";
import type * as routes from "./public.routes";
import { renderReceiptPdf } from "./receipt-pdf";
import { type TrackedCase, trackedCase } from "./tracked-case";
import { verificationRequired } from "./verification";

/** Published standards change with a new version only; a few minutes of caching spares the derivation. */
const CACHE = "public, max-age=300";

function publicDistrict(code: string): PublicDistrict {
  const district = findDistrict(code);
  // only districts Alur has calendar data for have offices that can publish
  if (!district || code.length < 4) throw new ApiException(404, "not-found");
  return { code: district.code, name: district.name };
}

type VersionSummaryRow = Omit<ProcessVersionRow, "bpmn_xml">;

function planOf(row: VersionSummaryRow): ExecutionPlan {
  return row.plan as ExecutionPlan;
}

/** A version as the catalogue lists it; undefined for a model that declares no service standard (not a public service). */
function publicService(row: VersionSummaryRow): PublicService | undefined {
  const standard = planOf(row).standard;
  if (!standard) return undefined;
  return {
    processId: row.process_id,
    name: standard.name ?? row.name,
    ...(standard.code ? { code: standard.code } : {}),
    district: row.district,
    version: row.version,
    effectiveFrom: row.effective_from,
    ...(standard.completionTime?.text ? { completionTime: standard.completionTime.text } : {}),
    ...(standard.fee?.text ? { fee: standard.fee.text } : {}),
  };
}

export const catalogue: RouteHandler<typeof routes.catalogue, AppEnv> = async (c) => {
  const district = publicDistrict(c.req.valid("param").district);
  const rows = await publishedInEffect(c.get("deps").db, { district: district.code, today: wibDate(new Date()) });
  // a national template the district runs its own variant of is not a second service
  const replaced = new Set(rows.flatMap((r) => (r.district ? [planOf(r).variant?.template ?? ""] : [])));
  const items = rows
    .filter((r) => r.district !== null || !replaced.has(r.process_id))
    .flatMap((r) => publicService(r) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, "id"));
  c.header("cache-control", CACHE);
  return c.json({ district, items }, 200);
};

/**
 * Derived standards by version id, for a few minutes: deriving parses the whole model, and anyone
 * may ask as often as they like. Per process and lost on restart; another process derives its own.
 */
const standards = new Map<string, { at: number; value: Promise<DerivedStandard> }>();
const STANDARD_TTL_MS = 5 * 60 * 1000;
const STANDARD_CACHE_SIZE = 200;

function cachedStandard(row: ProcessVersionRow, derive: () => Promise<DerivedStandard>): Promise<DerivedStandard> {
  const now = Date.now();
  const hit = standards.get(row.id);
  if (hit && now - hit.at < STANDARD_TTL_MS) return hit.value;
  if (standards.size >= STANDARD_CACHE_SIZE) standards.delete(standards.keys().next().value!);
  const value = derive();
  standards.set(row.id, { at: now, value });
  // a failed derivation is not remembered
  void value.catch(() => standards.delete(row.id));
  return value;
}

export const service: RouteHandler<typeof routes.service, AppEnv> = async (c) => {
  const { district: code, processId } = c.req.valid("param");
  const district = publicDistrict(code);
  const db = c.get("deps").db;
  const row = await resolvePublishedVersion(db, { processId, district: district.code, today: wibDate(new Date()) });
  const summary = row ? publicService(row) : undefined;
  if (!row || !summary) throw new ApiException(404, "not-found");
  const derived = await cachedStandard(row, () => derivedStandardOf(db, row));
  c.header("cache-control", CACHE);
  // the notes are the modeller's (where the model disagrees with itself), not the public's
  const plan = planOf(row);
  const startForm = (plan.startFormId ? plan.forms[plan.startFormId] : undefined) as
    | Record<string, unknown>
    | undefined;
  return c.json(
    {
      district,
      service: summary,
      standard: { ...derived, notes: [] },
      startForm: startForm ?? null,
      contactVerification: verificationRequired(c.get("deps").env, district.code),
    },
    200,
  );
};

function stepName(plan: ExecutionPlan, elementId: string | null, taskName?: string | null): string | undefined {
  const name = taskName ?? (elementId ? plan.nodes[elementId]?.name : undefined);
  return name?.trim() || undefined;
}

/** The clock stops as from–until pairs; a resumption closes the open stop of its step (else the oldest). */
function pausesOf(plan: ExecutionPlan, events: { type: string; at: Date; element_id: string | null }[]) {
  const pauses: TrackingView["pauses"] = [];
  const open: { elementId: string | null; index: number }[] = [];
  for (const e of events) {
    const at = new Date(e.at).toISOString();
    if (e.type === "clockPaused") {
      const name = stepName(plan, e.element_id);
      open.push({ elementId: e.element_id, index: pauses.length });
      pauses.push({ from: at, until: null, ...(name ? { step: { name } } : {}) });
      continue;
    }
    const i = Math.max(
      0,
      open.findIndex((o) => o.elementId === e.element_id),
    );
    const closing = open.splice(i, 1)[0];
    if (closing) pauses[closing.index]!.until = at;
  }
  return pauses;
}

export const receipt: RouteHandler<typeof routes.receipt, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const row = await trackedCase(c, body, "case.receipt");
  const application = await publicApplicationOf(c.get("deps").db, row.id);
  if (!application) throw new ApiException(404, "tracking-not-found");
  const pdf = await renderReceiptPdf(ApplicationReceipt.omit({ trackingCode: true }).parse(application.receipt), {
    trackingCode: body.code.toUpperCase(),
  });
  c.header("cache-control", "no-store");
  c.header("content-type", "application/pdf");
  c.header(
    "content-disposition",
    `attachment; filename="tanda-terima-${row.case_number.replace(/[^\w.-]/g, "_")}.pdf"`,
  );
  return c.body(pdf as Uint8Array<ArrayBuffer>, 200) as never;
};

export const track: RouteHandler<typeof routes.track, AppEnv> = async (c) => {
  const row = await trackedCase(c, c.req.valid("json"), "case.track");
  c.header("cache-control", "no-store");
  return c.json(await trackingViewOf(c.get("deps").db, row), 200);
};

/** What the applicant sees of a case they showed the code of. */
export async function trackingViewOf(db: Db, row: TrackedCase) {
  const plan = row.plan as ExecutionPlan;
  const [steps, clock, asked, product] = await Promise.all([
    openStepsOf(db, row.id),
    clockEventsOf(db, row.id),
    applicantStepsOf(db, row.id),
    row.status === "completed" ? lastGeneratedDocumentOf(db, row.id) : undefined,
  ]);
  const requirements = plan.standard?.requirements ?? [];
  const view: TrackingView = {
    caseNumber: row.case_number,
    serviceName: plan.standard?.name ?? row.service_name,
    district: findDistrict(row.district)
      ? { code: row.district, name: findDistrict(row.district)!.name }
      : { code: row.district, name: row.district },
    status: row.status as TrackingView["status"],
    startedAt: new Date(row.started_at).toISOString(),
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    currentSteps: steps.flatMap((s) => {
      const name = stepName(plan, s.element_id, s.name);
      return name ? [{ name }] : [];
    }),
    pauses: pausesOf(plan, clock),
    pausedSince: row.paused_since ? new Date(row.paused_since).toISOString() : null,
    requests: asked.map((t) => {
      const node = plan.nodes[t.element_id];
      const ids = node?.type === "userTask" ? node.task.documents : [];
      return {
        taskId: t.id,
        step: stepName(plan, t.element_id, t.name) ?? t.element_id,
        documents: requirements
          .filter((r) => ids.includes(r.id))
          .map((r) => ({
            id: r.id,
            name: r.name,
            mandatory: r.mandatory,
            fileTypes: r.fileTypes,
            ...(r.maxSizeMb === undefined ? {} : { maxSizeMb: r.maxSizeMb }),
          })),
      };
    }),
    product: product ? { id: product.id, filename: product.filename } : null,
  };
  return view;
}

export const trackDocument: RouteHandler<typeof routes.trackDocument, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const row = await trackedCase(c, body, "case.track-document");
  const deps = c.get("deps");
  // only the product of a completed case: nothing the office keeps internal
  const product = row.status === "completed" ? await lastGeneratedDocumentOf(deps.db, row.id) : undefined;
  if (!product || product.id !== body.documentId) throw new ApiException(404, "not-found");
  const bytes = await readFile(filePath(deps.filesDir, product.sha256)).catch(() => {
    throw new ApiException(404, "not-found");
  });
  c.header("cache-control", "no-store");
  c.header("content-type", product.content_type);
  c.header("content-disposition", `attachment; filename="${product.filename.replace(/[^\w.-]/g, "_")}"`);
  return c.body(bytes, 200) as never;
};
