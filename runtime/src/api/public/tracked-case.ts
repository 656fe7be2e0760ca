/**
 * The one door to an applicant's own case without signing in: the case number and the tracking
 * code they were given. Failures are limited per client address and every attempt is audited, so
 * tracking, answering the survey and anything else an applicant does by code share one limit.
 */
import { findTrackableCase, recordTrackingAttempt, trackingFailuresSince } from "../../store/tracking";
import { audit } from "../audit-trail";
import type { AppContext } from "../context";
import { ApiException } from "../errors";
import { trackingCodeMatches } from "./tracking-code";

/** Failed lookups a client address may make per window before it gets 429. */
export const TRACKING_FAILURE_LIMIT = 10;
export const TRACKING_WINDOW_MS = 15 * 60 * 1000;

export type TrackedCase = NonNullable<Awaited<ReturnType<typeof findTrackableCase>>>;

/** The case the pair opens, or 404 (the same answer for a wrong number and a wrong code), or 429. */
export async function trackedCase(
  c: AppContext,
  { caseNumber, code }: { caseNumber: string; code: string },
  action: string,
): Promise<TrackedCase> {
  const db = c.get("deps").db;
  const ip = c.get("ip");
  const failures = await trackingFailuresSince(db, ip, new Date(Date.now() - TRACKING_WINDOW_MS));
  if (failures >= TRACKING_FAILURE_LIMIT) {
    throw new ApiException(429, "tracking-rate-limited", undefined, {
      "Retry-After": String(TRACKING_WINDOW_MS / 1000),
    });
  }
  const row = await findTrackableCase(db, caseNumber.toUpperCase());
  // the hash is computed and compared whether or not the number exists: no timing difference to read
  const ok = trackingCodeMatches(row?.id, row?.tracking_code_hash, code);
  // only failures count towards the limit; a right code costs the applicant no write here
  if (!ok) await recordTrackingAttempt(db, ip, false);
  await audit(c, db, {
    actorId: null,
    action,
    outcome: ok ? "ok" : "denied",
    resourceType: "case",
    resourceId: ok ? row!.id : null,
    district: ok ? row!.district : null,
    details: ok ? {} : { caseNumber: caseNumber.slice(0, 80) },
  });
  if (!ok || !row) throw new ApiException(404, "tracking-not-found");
  return row;
}
