/** What a supervisor does to a running case: each with a reason, audited and on the timeline. */
import { z } from "zod";
import { CaseStatus } from "../schemas";

export const CancelCaseRequest = z.object({
  /** Why the case is cancelled (withdrawn by the applicant, filed twice, ...): on the timeline and in the audit log. */
  reason: z.string().trim().min(5).max(1000),
});
export type CancelCaseRequest = z.infer<typeof CancelCaseRequest>;

export const CancelCaseResponse = z.object({
  id: z.string(),
  /** `cancelled` once the workflow has closed its tasks; still `active` if it had not within a few seconds. */
  status: CaseStatus,
});
export type CancelCaseResponse = z.infer<typeof CancelCaseResponse>;
