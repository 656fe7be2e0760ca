/**
 * The satisfaction survey (SKM, Permenpan RB 14/2017). Only people who used the service answer:
 * online with their case's tracking code once it is completed, or on paper at the counter,
 * entered by the front office. A case is answered once. The report computes the IKM with the
 * regulation's formula from `@alur/shared/survey`, the same code the pages show.
 */
import type { IkmReport, SurveyAnswers } from "@alur/shared/api";
import type { ExecutionPlan } from "@alur/shared/plan";
import { computeIkm, minimumSample, SURVEY_ELEMENTS, SURVEY_QUESTIONS, type SurveyScores } from "@alur/shared/survey";
import type { RouteHandler } from "@hono/zod-openapi";
import { canStartCase, canSuperviseCase } from "../../auth/policy";
import { resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { caseForSurvey, completedCasesIn, insertSurveyResponse, surveyResponsesIn } from "../../store/survey-responses";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { trackedCase } from "../public/tracked-case";
import type * as routes from "./survey.routes";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A period of Asia/Jakarta dates (UTC+7, no daylight saving), `to` inclusive, as instants. */
function periodOf(from: string, to: string): { from: Date; until: Date } {
  return {
    from: new Date(`${from}T00:00:00+07:00`),
    until: new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY_MS),
  };
}

/** What the audit keeps of a response: the scores, not the respondent's data or words. */
function auditedScores(answers: SurveyAnswers) {
  return { scores: answers.scores };
}

export const answerOnline: RouteHandler<typeof routes.answerOnline, AppEnv> = async (c) => {
  const { caseNumber, code, answers } = c.req.valid("json");
  const db = c.get("deps").db;
  const row = await trackedCase(c, { caseNumber, code }, "survey.open");
  if (row.status !== "completed") throw new ApiException(409, "survey-not-yet");
  const stored = await insertSurveyResponse(db, {
    district: row.district,
    processId: (row.plan as ExecutionPlan).processId,
    caseId: row.id,
    channel: "online",
    answers,
    enteredBy: null,
  });
  if (!stored) throw new ApiException(409, "survey-already-answered");
  await audit(c, db, {
    actorId: null,
    action: "survey.answer",
    outcome: "ok",
    resourceType: "survey",
    resourceId: stored.id,
    district: row.district,
    details: { caseId: row.id, channel: "online", ...auditedScores(answers) },
  });
  c.header("cache-control", "no-store");
  return c.json({ id: stored.id, submittedAt: stored.submittedAt.toISOString() }, 201);
};

export const answerAtCounter: RouteHandler<typeof routes.answerAtCounter, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const db = c.get("deps").db;
  const district = p.district;
  await authorize(
    c,
    district !== null && (canStartCase(p, district) || canSuperviseCase(p, district)),
    "survey.answer",
    { type: "survey", district },
  );
  let processId = body.processId;
  let caseId: string | null = null;
  if (body.caseNumber) {
    const found = await caseForSurvey(db, district!, body.caseNumber.toUpperCase());
    if (!found) throw new ApiException(404, "not-found");
    if (found.status !== "completed") throw new ApiException(409, "survey-not-yet");
    caseId = found.id;
    processId = found.process_id;
  } else {
    const version = await resolvePublishedVersion(db, {
      processId: processId!,
      district: district!,
      today: wibDate(new Date()),
    });
    if (!version) throw new ApiException(404, "not-found");
  }
  const stored = await insertSurveyResponse(db, {
    district: district!,
    processId: processId!,
    caseId,
    channel: "counter",
    answers: body.answers,
    enteredBy: p.userId,
  });
  if (!stored) throw new ApiException(409, "survey-already-answered");
  await audit(c, db, {
    action: "survey.answer",
    outcome: "ok",
    resourceType: "survey",
    resourceId: stored.id,
    district,
    details: { caseId, processId, channel: "counter", ...auditedScores(body.answers) },
  });
  return c.json({ id: stored.id, submittedAt: stored.submittedAt.toISOString() }, 201);
};

export const ikmReport: RouteHandler<typeof routes.ikmReport, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  // staff read their own district; only the super admin, who has none, names one
  const district = p.isSuperAdmin ? (q.district ?? p.district) : p.district;
  await authorize(c, district !== null && canSuperviseCase(p, district), "survey.report", {
    type: "survey",
    district: district ?? null,
  });
  const db = c.get("deps").db;
  const period = { district: district!, ...(q.processId ? { processId: q.processId } : {}), ...periodOf(q.from, q.to) };
  const [responses, population] = await Promise.all([surveyResponsesIn(db, period), completedCasesIn(db, period)]);
  const ikm = computeIkm(responses.map((r) => ({ scores: r.scores as SurveyScores })));
  const report: IkmReport = {
    district: district!,
    processId: q.processId ?? null,
    from: q.from,
    to: q.to,
    respondents: ikm.respondents,
    elements: SURVEY_ELEMENTS.map((e) => ({ element: e, name: SURVEY_QUESTIONS[e].name, mean: ikm.elementMeans[e] })),
    index: ikm.index,
    converted: ikm.converted,
    grade: ikm.grade,
    performance: ikm.performance,
    population,
    minimumSample: minimumSample(population),
    suggestions: responses.flatMap((r) =>
      r.suggestion ? [{ at: new Date(r.submitted_at).toISOString(), text: r.suggestion }] : [],
    ),
  };
  c.header("cache-control", "no-store");
  return c.json(report, 200);
};
