/**
 * The activities the bpmnProcess workflow calls. Workflow code imports this file as `import type`
 * only and calls through proxyActivities; the implementations live beside it (createActivities).
 */
import type { BusinessCalendar } from "@alur/shared/calendar";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStatus, Variables } from "@alur/shared/schemas";
import type { CloseTask, NewTask } from "../../store/tasks";

/**
 * A task as the store creates it, with the id the workflow derived from the engine's task id (a
 * uuid4 in older runs). The assignee and candidate users are usernames as the model names them;
 * the activity resolves them.
 */
export type CreateTaskInput = Omit<NewTask, "id" | "assignee" | "candidateUsers"> & {
  taskId: string;
  assignee: string | null;
  candidateUsers?: string[];
};

/** `refused`: the directory has none of the roles/users named (nothing was stored). */
export type CreateTaskResult = { taskId: string; refused?: string };

export interface CaseEventInput {
  type: string;
  elementId?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
  /** ISO instant from workflow time. */
  at: string;
  /** Unique per case, e.g. `${elementInstanceId}:entered`; makes retries harmless. */
  dedupeKey: string;
}

export type ConnectorResult =
  | { ok: true; output: Variables }
  /** A business error the model can catch with an error boundary event (not a technical failure). */
  | { ok: false; bpmnError: { code: string; message: string } };

export interface CaseActivities {
  createTask(input: CreateTaskInput): Promise<CreateTaskResult>;
  /** Closes the task row; a user's completion carries its form data and audit fields (one transaction). */
  closeTask(input: CloseTask): Promise<void>;
  recordCaseEvents(input: { caseId: string; events: CaseEventInput[] }): Promise<void>;
  /** A migrated case: its row names the new version, its open tasks the new elements (one transaction). */
  migrateCase(input: {
    caseId: string;
    processVersionId: string;
    tasks: { taskId: string; elementId: string; name: string | null }[];
  }): Promise<void>;
  setCaseStatus(input: {
    caseId: string;
    status: CaseStatus;
    dueAt?: string | null;
    endedAt?: string | null;
  }): Promise<void>;
  /**
   * Runs a service/send task's connector (`http`, `notify`, `document`); technical errors throw and
   * are retried. Any other type is an external job, completed asynchronously by the job API.
   */
  runConnector(input: {
    caseId: string;
    district: string;
    elementId: string;
    elementInstanceId: string;
    type: string;
    headers: Record<string, string>;
    variables: Variables;
    /** The engine's job id; with the case id it keys the connector's side effects (retries are harmless). */
    jobId?: string;
    /** Workflow time when the job started (documents are dated with it). */
    at?: string;
    /** An external job's retries, handed to its worker (the model's zeebe:taskDefinition retries). */
    retries?: number;
  }): Promise<ConnectorResult>;
  /**
   * The business calendar of a district for the given years (national holidays, cuti bersama,
   * local holidays), used once at case start when the input carries none; pinned from then on.
   */
  loadCalendar(input: { district: string; years: number[] }): Promise<BusinessCalendar>;
  /** The published plan of a called process in effect (district variant first, then the template); null if none. */
  loadPlan(input: {
    processId: string;
    district: string;
    /** Workflow time of the call: the version in effect then (effective_from) runs. */
    at?: string;
  }): Promise<{ plan: ExecutionPlan; planHash: string } | null>;
  /** Workflow ids of the district's running cases (for a signal thrown by a case), except one case. */
  listCaseWorkflows(input: { district: string; excludeCaseId: string }): Promise<string[]>;
}
