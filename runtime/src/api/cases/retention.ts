/**
 * The retention sweep: closed cases past their service's retention period (alur:privacy retention)
 * lose their documents and personal data (UU 27/2022: kept no longer than needed), each purge
 * audited. Runs in every API process beside the workflow-start sweep; the purge is one transaction
 * per case, so two processes never audit twice.
 */
import { parsePrivacy, purgeApplicant, purgePersonal } from "../../auth/privacy";
import { removeFile } from "../../store/file-store";
import { casesPastRetention, purgeCase } from "../../store/retention";
import { type Sweeper, startSweeper } from "../../sweeper";
import type { AppDeps } from "../context";

/** Purges up to `limit` expired cases; returns how many cases were purged and how many documents. */
export async function purgeExpiredCases(
  deps: Pick<AppDeps, "db" | "filesDir" | "logger">,
  options: { now?: Date; limit?: number } = {},
): Promise<{ cases: number; documents: number }> {
  const expired = await casesPastRetention(deps.db, options.now ?? new Date(), options.limit ?? 50);
  let documents = 0;
  let cases = 0;
  for (const entry of expired) {
    const privacy = parsePrivacy(entry.privacy);
    const purged = await purgeCase(deps.db, entry, {
      applicant: purgeApplicant,
      value: (value) => purgePersonal(value, privacy),
    });
    if (purged.documents.length === 0 && !purged.dataPurged) continue;
    cases++;
    documents += purged.documents.length;
    // After the commit: a crash here leaves an unreferenced file (found by hash), never a row without its file.
    for (const sha256 of purged.unusedFiles) await removeFile(deps.filesDir, sha256);
    deps.logger.info(
      { caseId: entry.caseId, documents: purged.documents.length, dataPurged: purged.dataPurged },
      "case purged (retention)",
    );
  }
  return { cases, documents };
}

/** Runs purgeExpiredCases shortly after start, then every `intervalMs`, one sweep at a time, until stopped. */
export function startRetentionSweeper(
  deps: Pick<AppDeps, "db" | "filesDir" | "logger">,
  intervalMs = 60 * 60 * 1000,
): Sweeper {
  return startSweeper("retention sweep", () => purgeExpiredCases(deps), {
    intervalMs,
    firstAfterMs: Math.min(intervalMs, 30_000),
    logger: deps.logger,
  });
}
