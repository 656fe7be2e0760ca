/** The task inbox and the actions on a task. */
import { z } from "zod";
import { TaskStatus, Variables } from "../schemas";
import { UserView } from "./auth";

export const InboxScope = z.enum(["mine", "unassigned", "district"]);

export const InboxQuery = z.object({
  scope: InboxScope.default("mine"),
  /** Process id of a service. */
  service: z.string().optional(),
  status: z.enum(["open", "claimed"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  dueBefore: z.string().datetime({ offset: true }).optional(),
  /** Case number or applicant name. */
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxItem = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  processId: z.string(),
  applicantName: z.string().nullable(),
  district: z.string(),
  elementId: z.string(),
  name: z.string().nullable(),
  roles: z.array(z.string()),
  assignee: z.string().nullable(),
  status: TaskStatus,
  formId: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** zeebe:taskSchedule followUpDate: when to look at the task again. */
  followUpAt: z.string().nullable().optional(),
  createdAt: z.string(),
  revision: z.number().int(),
  /**
   * Since when a supervisor suspended the task's case: shown in the inbox as suspended, and the
   * task cannot be completed until the case resumes. Null (or absent, older servers): not suspended.
   */
  suspendedSince: z.string().nullable().optional(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxPage = z.object({ items: z.array(InboxItem), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof InboxPage>;

export const TaskDetail = InboxItem.extend({
  documents: z.array(z.string()),
  draft: Variables.nullable(),
  result: Variables.nullable(),
  /** form-js schema of the task's form, if any. */
  form: z.unknown().nullable(),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const RevisionRequest = z.object({ revision: z.number().int().nonnegative() });
export const DelegateRequest = RevisionRequest.extend({ userId: z.string().min(1) });
/** GET /tasks/{id}/delegates: who a task can be handed to. */
export const DelegateCandidates = z.object({
  items: z.array(UserView.pick({ id: true, username: true, displayName: true, roles: true })),
});
export type DelegateCandidate = z.infer<typeof DelegateCandidates>["items"][number];
export const CommentRequest = z.object({ text: z.string().min(1).max(4000) });
export const DraftRequest = z.object({ data: Variables });
export const CompleteRequest = RevisionRequest.extend({ data: Variables.default({}) });
export type CompleteRequest = z.infer<typeof CompleteRequest>;
