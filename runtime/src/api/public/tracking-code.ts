/**
 * Tracking codes: 12 random Crockford base-32 characters (60 bits), shown as three groups of four.
 * Only a hash bound to the case id is stored, so a leaked table gives no code, and a code is
 * worthless for any other case.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 12;

/** A new code, e.g. "K7QF-2MXA-9CPD". */
export function newTrackingCode(): string {
  // 256 is a multiple of 32: the low five bits of a random byte are uniform
  const chars = [...randomBytes(LENGTH)].map((b) => ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** What the applicant typed, read the way Crockford base 32 reads it (case, dashes and spaces ignored). */
export function normalizeTrackingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export function trackingCodeHash(caseId: string, code: string): string {
  return createHash("sha256")
    .update(`${caseId}:${normalizeTrackingCode(code)}`)
    .digest("hex");
}

/** Hash of a code no case has: compared against when the case number is unknown, for the same work. */
const NO_CASE_HASH = trackingCodeHash("", "no-such-case");

/** Whether `code` is the code of case `caseId` (stored hash `stored`); the same work when either is missing. */
export function trackingCodeMatches(
  caseId: string | undefined,
  stored: string | null | undefined,
  code: string,
): boolean {
  const actual = Buffer.from(trackingCodeHash(caseId ?? "", code), "hex");
  const expected = Buffer.from(stored ?? NO_CASE_HASH, "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual) && !!caseId && !!stored;
}
