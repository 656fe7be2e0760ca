/**
 * Verification codes for online applications (issue 16, item 2: "optional verification code by
 * email/SMS through the notification channels"). A district turns them on with
 * PUBLIC_VERIFY_DISTRICTS; its applicants then ask for a six-digit code for the phone and/or email
 * they will apply with, and the application carries it. Codes live 15 minutes, take 5 guesses and
 * open one application; requests are limited per client address and per contact.
 */
import { createHash, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { findDistrict } from "@alur/shared/calendar/districts";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Env } from "../../env";
import {
  countVerificationAttempt,
  issueVerificationCode,
  liveVerificationCode,
  type VerificationContact,
  verificationCodesSince,
} from "../../store/verification-codes";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { maskEmail, maskPhone, ONLINE_APPLICANT } from "./online-applicant";
import type * as routes from "./public.routes";

export const CODE_TTL_MS = 15 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** Codes one client address may ask for per hour, and one contact per hour. */
export const CODE_IP_LIMIT = 10;
export const CODE_CONTACT_LIMIT = 3;
const CODE_WINDOW_MS = 60 * 60 * 1000;

/** True when the district asks its online applicants for a verification code. */
export function verificationRequired(env: Pick<Env, "PUBLIC_VERIFY_DISTRICTS">, district: string): boolean {
  const list = env.PUBLIC_VERIFY_DISTRICTS.split(",").map((d) => d.trim());
  return list.includes("*") || list.includes(district);
}

/** The code's hash, keyed by its row so equal codes of two rows differ. */
function codeHash(id: string, code: string): string {
  return createHash("sha256").update(`${id}:${code}`).digest("hex");
}

export const requestCode: RouteHandler<typeof routes.verificationCode, AppEnv> = async (c) => {
  const { district } = c.req.valid("param");
  const { contact: given } = c.req.valid("json");
  const deps = c.get("deps");
  const info = findDistrict(district);
  if (!info || district.length < 4) throw new ApiException(404, "not-found");
  if (!verificationRequired(deps.env, district)) throw new ApiException(409, "verification-off");
  const contact: VerificationContact = { phone: given.phone ?? null, email: given.email ?? null };
  const since = new Date(Date.now() - CODE_WINDOW_MS);
  const byIp = await verificationCodesSince(deps.db, { ip: c.get("ip") }, since);
  const byContact = await verificationCodesSince(deps.db, contact, since);
  if (byIp >= CODE_IP_LIMIT || byContact >= CODE_CONTACT_LIMIT) {
    await audit(c, deps.db, {
      actorId: ONLINE_APPLICANT,
      action: "verification.request",
      outcome: "denied",
      resourceType: "district",
      resourceId: district,
      district,
      details: { reason: byIp >= CODE_IP_LIMIT ? "client-rate-limited" : "contact-rate-limited" },
    });
    throw new ApiException(429, "verification-rate-limited", undefined, {
      "Retry-After": String(CODE_WINDOW_MS / 1000),
    });
  }
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  await issueVerificationCode(deps.db, {
    id,
    district,
    ...contact,
    ip: c.get("ip"),
    codeHash: codeHash(id, code),
    expiresAt,
    title: `Kode verifikasi permohonan daring: ${code}`,
    body:
      `Kode verifikasi permohonan daring Dinas Sosial ${info.name} Anda: ${code}. ` +
      "Berlaku 15 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.",
  });
  const sentTo = {
    ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
    ...(contact.email ? { email: maskEmail(contact.email) } : {}),
  };
  await audit(c, deps.db, {
    actorId: ONLINE_APPLICANT,
    action: "verification.request",
    outcome: "ok",
    resourceType: "district",
    resourceId: district,
    district,
    after: { sentTo },
  });
  c.header("cache-control", "no-store");
  return c.json({ sentTo, expiresAt: expiresAt.toISOString() }, 202);
};

/**
 * Checks the application's code against the newest live code of its contact: the code's id to
 * spend with the application, or a refusal (each wrong guess counted and audited).
 */
export async function checkVerificationCode(
  c: AppContext,
  input: { district: string; processId: string; contact: VerificationContact; code: string | undefined },
): Promise<string> {
  const { db } = c.get("deps");
  const refuse = async (
    status: 400 | 429,
    reason: "verification-required" | "verification-invalid" | "verification-attempts",
  ) => {
    await audit(c, db, {
      actorId: ONLINE_APPLICANT,
      action: "case.apply",
      outcome: "denied",
      resourceType: "process",
      resourceId: input.processId,
      district: input.district,
      details: { reason },
    });
    return new ApiException(status, reason);
  };
  if (!input.code) throw await refuse(400, "verification-required");
  const live = await liveVerificationCode(db, input.district, input.contact, new Date());
  if (!live) throw await refuse(400, "verification-invalid");
  if (live.attempts >= CODE_MAX_ATTEMPTS) throw await refuse(429, "verification-attempts");
  const expected = Buffer.from(live.code_hash, "hex");
  const given = Buffer.from(codeHash(live.id, input.code), "hex");
  if (!timingSafeEqual(expected, given)) {
    await countVerificationAttempt(db, live.id);
    throw await refuse(400, "verification-invalid");
  }
  return live.id;
}
