/**
 * The survey (SKM) over HTTP: an applicant answers for their completed case with its tracking
 * code; the front office enters a paper questionnaire from the counter; heads read the IKM report.
 */
import { z } from "zod";
import { EDUCATION, OCCUPATION, SURVEY_ELEMENTS, type SurveyElement } from "../survey";
import { CalendarDate } from "./auth";
import { PublicProcessIdParam } from "./public";

/** The respondent data the regulation's questionnaire asks (all optional: nobody must say). */
export const SurveyRespondent = z.object({
  age: z.number().int().min(10).max(120).optional(),
  sex: z.enum(["l", "p"]).optional(),
  education: z.enum(EDUCATION).optional(),
  occupation: z.enum(OCCUPATION).optional(),
});
export type SurveyRespondent = z.infer<typeof SurveyRespondent>;

const Score = z.number().int().min(1).max(4);

/** One filled-in questionnaire: every element answered 1–4, plus optional respondent data and a suggestion. */
export const SurveyAnswers = z.object({
  scores: z.object(Object.fromEntries(SURVEY_ELEMENTS.map((e) => [e, Score])) as Record<SurveyElement, typeof Score>),
  respondent: SurveyRespondent.default({}),
  suggestion: z.string().trim().max(2000).optional(),
});
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

/** The applicant's own answers, authorized by the case number and tracking code they were given. */
export const PublicSurveyRequest = z.object({
  caseNumber: z.string().trim().min(1).max(80),
  code: z.string().trim().min(1).max(40),
  answers: SurveyAnswers,
});
export type PublicSurveyRequest = z.infer<typeof PublicSurveyRequest>;

/** A paper questionnaire entered by the front office: for a case by its number, or for a service. */
export const CounterSurveyRequest = z
  .object({
    processId: PublicProcessIdParam.optional(),
    caseNumber: z.string().trim().min(1).max(80).optional(),
    answers: SurveyAnswers,
  })
  .refine((r) => r.processId !== undefined || r.caseNumber !== undefined, {
    message: "processId or caseNumber",
    path: ["processId"],
  });
export type CounterSurveyRequest = z.infer<typeof CounterSurveyRequest>;

export const SurveyReceipt = z.object({ id: z.string(), submittedAt: z.string() });
export type SurveyReceipt = z.infer<typeof SurveyReceipt>;

/** The report's period in Asia/Jakarta dates, both inclusive; a district for the super admin only. */
export const IkmReportQuery = z
  .object({
    processId: PublicProcessIdParam.optional(),
    from: CalendarDate,
    to: CalendarDate,
    district: z
      .string()
      .regex(/^\d{2,6}$/)
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: "from after to", path: ["from"] });
export type IkmReportQuery = z.infer<typeof IkmReportQuery>;

const Words = z.object({ id: z.string(), en: z.string() });

export const IkmReport = z.object({
  district: z.string(),
  processId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  respondents: z.number().int(),
  elements: z.array(
    z.object({
      element: z.enum(SURVEY_ELEMENTS),
      name: Words,
      /** Mean score 1–4 (NRR), null without respondents. */
      mean: z.number().nullable(),
    }),
  ),
  /** Σ NRR × 1/9 on the 1–4 scale. */
  index: z.number().nullable(),
  /** index × 25 (25–100), two decimals. */
  converted: z.number().nullable(),
  grade: z.enum(["A", "B", "C", "D"]).nullable(),
  performance: Words.nullable(),
  /** Cases completed in the period: the population the sample is drawn from. */
  population: z.number().int(),
  /** The regulation's guidance (Krejcie and Morgan) for that population. */
  minimumSample: z.number().int(),
  suggestions: z.array(z.object({ at: z.string(), text: z.string() })),
});
export type IkmReport = z.infer<typeof IkmReport>;
