/**
 * Personal-data rules of a service (UU 27/2022 on personal data protection): which roles see
 * which applicant fields and documents of a sensitive service's cases, and how long the documents
 * of a closed case are kept.
 */
import { z } from "zod";

/** An ISO 8601 duration of whole years, months, weeks and days (`P5Y`, `P18M`, `P30D`). */
export const RetentionPeriod = z
  .string()
  .regex(/^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/, "must be an ISO 8601 duration of years, months, weeks or days (P5Y)");

/** Roles that may see a restricted item; nobody else does, admins and heads included. */
const Roles = z.array(z.string().min(1)).min(1);

export const CasePrivacy = z.object({
  /** Every read of a case is audited; restricted items are hidden from roles not listed. */
  sensitive: z.boolean(),
  /** How long after a case closes its documents are kept (absent: kept). */
  retention: RetentionPeriod.optional(),
  /** Applicant or form field name → roles that see it (anywhere it appears in a case). */
  fields: z.record(z.string().min(1), Roles).default({}),
  /** Requirement id → roles that see and download its documents. */
  documents: z.record(z.string().min(1), Roles).default({}),
});
export type CasePrivacy = z.infer<typeof CasePrivacy>;

/**
 * What a closed case's personal data reads as once its service's retention period has passed:
 * the value of every restricted field and of the applicant, in the store and in what the API shows.
 */
export const PURGED_VALUE = "data dihapus sesuai retensi / purged under retention";
