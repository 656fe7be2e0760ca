/** Survey responses (SKM) and what the IKM report reads of them. */
import { randomUUID } from "node:crypto";
import type { SurveyAnswers } from "@alur/shared/api";
import { sql } from "kysely";
import type { Db } from "./db";

export interface NewSurveyResponse {
  district: string;
  processId: string;
  caseId: string | null;
  channel: "online" | "counter";
  answers: SurveyAnswers;
  enteredBy: string | null;
}

/**
 * Stores one questionnaire; undefined when the case already has one (a case is answered once,
 * online or at the counter, whichever comes first).
 */
export async function insertSurveyResponse(
  db: Db,
  r: NewSurveyResponse,
): Promise<{ id: string; submittedAt: Date } | undefined> {
  const row = await db
    .insertInto("survey_responses")
    .values({
      id: randomUUID(),
      district: r.district,
      process_id: r.processId,
      case_id: r.caseId,
      channel: r.channel,
      scores: JSON.stringify(r.answers.scores),
      respondent: JSON.stringify(r.answers.respondent ?? {}),
      suggestion: r.answers.suggestion ?? null,
      entered_by: r.enteredBy,
    })
    .onConflict((oc) => oc.column("case_id").doNothing())
    .returning(["id", "submitted_at"])
    .executeTakeFirst();
  return row ? { id: row.id, submittedAt: new Date(row.submitted_at) } : undefined;
}

export interface SurveyPeriod {
  district: string;
  /** undefined: every service of the district. */
  processId?: string;
  /** Inclusive start and exclusive end of the period. */
  from: Date;
  until: Date;
}

/** Scores and suggestions of the period's responses, oldest first. */
export async function surveyResponsesIn(db: Db, p: SurveyPeriod) {
  let q = db
    .selectFrom("survey_responses")
    .select(["scores", "suggestion", "channel", "submitted_at"])
    .where("district", "=", p.district)
    .where("submitted_at", ">=", p.from)
    .where("submitted_at", "<", p.until);
  if (p.processId) q = q.where("process_id", "=", p.processId);
  return q.orderBy("submitted_at").execute();
}

/** Cases of the period's services completed in the period: the population the sample is drawn from. */
export async function completedCasesIn(db: Db, p: SurveyPeriod): Promise<number> {
  let q = db
    .selectFrom("cases")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("district", "=", p.district)
    .where("status", "=", "completed")
    .where("ended_at", ">=", p.from)
    .where("ended_at", "<", p.until);
  if (p.processId) q = q.where("process_id", "=", p.processId);
  const { n } = await q.executeTakeFirstOrThrow();
  return n;
}

/** The case of the district with this number, for a counter response (undefined: none). */
export async function caseForSurvey(db: Db, district: string, caseNumber: string) {
  return db
    .selectFrom("cases")
    .select(["id", "process_id", "status", "district"])
    .where("district", "=", district)
    .where("case_number", "=", caseNumber)
    .executeTakeFirst();
}
