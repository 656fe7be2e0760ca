/**
 * Online applications (no sign-in): the applicant fills the service's start form, uploads its
 * requirement documents and gives a phone number and/or email; the case starts as the front
 * office starts one (start-case.ts: the same number, documents and upload checks), its actor the
 * online channel, and the applicant gets the tanda terima. Abuse limits: applications per client
 * address (checked before the body is read), per phone or email, and a size cap on the files.
 */
import { type ApplicationReceipt, PublicApplicationData } from "@alur/shared/api";
import { findDistrict } from "@alur/shared/calendar/districts";
import { notAllowedKeys, notAllowedMessage, validateTaskData } from "@alur/shared/forms";
import { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { Principal } from "../../auth/principal";
import { resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { applicationsSince, insertPublicApplication, noticeApplicant } from "../../store/public-applications";
import { audit } from "../audit-trail";
import { readBody } from "../cases/cases.handlers";
import { startCase } from "../cases/start-case";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import type * as routes from "./public.routes";

/** The audit actor and `created_by` of a case an applicant started online. */
export const ONLINE_APPLICANT = "public:online";
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

export function maskPhone(phone: string): string {
  return phone.length <= 8 ? "****" : `${phone.slice(0, 6)}${"*".repeat(phone.length - 9)}${phone.slice(-3)}`;
}

export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
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
