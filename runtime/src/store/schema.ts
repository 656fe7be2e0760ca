/** Table types for Kysely. Keep in step with migrations/. */
import type { NotificationChannelName, NotificationKind } from "@alur/shared/api";
import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface ProcessVersionsTable {
  id: string;
  process_id: string;
  district: string | null;
  version: number;
  name: string;
  status: "draft" | "published" | "retired";
  bpmn_xml: string;
  plan: Json<object>;
  plan_hash: string;
  effective_from: string | null;
  legal_basis: Json<object> | null;
  created_by: string | null;
  created_at: Timestamp;
  published_at: NullableTimestamp;
  /** The deployment (one file, every executable process of it) this version came with; null before 0010. */
  deployment_id: string | null;
}

export interface CasesTable {
  id: string;
  case_number: string;
  district: string;
  process_version_id: string;
  process_id: string;
  workflow_id: string;
  status: string;
  applicant: Json<Record<string, unknown>>;
  due_at: NullableTimestamp;
  created_by: string | null;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  /** When the retention sweep purged the closed case's personal data (null: not yet). */
  purged_at: NullableTimestamp;
  /** lower(applicant.name), generated: the name-prefix search key. */
  applicant_name_key: ColumnType<string | null, never, never>;
  /** applicant.nik, generated. */
  applicant_nik: ColumnType<string | null, never, never>;
  /** Since when the service-standard clock is paused (kept by a trigger on case_events); null: running. */
  paused_since: ColumnType<Date | null, never, Date | string | null>;
  /** Candidate roles of every task the case has had (kept by a trigger on tasks). */
  viewer_roles: ColumnType<string[], never, never>;
  /** Assignees, candidate users and closers of every task the case has had (trigger on tasks). */
  viewer_users: ColumnType<string[], never, never>;
  /** sha256 of the case id and the applicant's tracking code (0013); null: not trackable. */
  tracking_code_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Since when a supervisor suspended the case (kept by a trigger on case_events, 0015); null: not suspended. */
  suspended_since: ColumnType<Date | null, never, Date | string | null>;
  /** Seconds the service clock has been stopped, summed at each pause's end (trigger, 0019). */
  paused_s: ColumnType<number, never, never>;
}

/** Closed cases per district, month (WIB), service and version (0019, kept by a trigger on cases). */
export interface ReportCaseRollupsTable {
  district: string;
  process_id: string;
  version: number;
  month: ColumnType<string, string, string>;
  completed: number;
  cancelled: number;
  terminated: number;
  with_due: number;
  on_time: number;
  duration_s: number;
  paused_s: number;
  /** Completed cases per duration bucket (see report-buckets in @alur/shared). */
  histogram: number[];
}

/** Completed tasks and pauses per step (0019, kept by triggers on tasks and case_events). */
export interface ReportStepRollupsTable {
  district: string;
  process_id: string;
  version: number;
  element_id: string;
  month: ColumnType<string, string, string>;
  completed: number;
  with_due: number;
  on_time: number;
  duration_s: number;
  paused: number;
  paused_s: number;
  histogram: number[];
}

/** Failed public tracking lookups per client address (0013), for the attempt limit. */
export interface TrackingAttemptsTable {
  id: Generated<number>;
  ip: string;
  success: boolean;
  at: Timestamp;
}

/** Survey questionnaires (0017): scores per element, optional respondent data. */
export interface SurveyResponsesTable {
  id: string;
  district: string;
  process_id: string;
  case_id: string | null;
  channel: "online" | "counter";
  scores: Json<Record<string, number>>;
  respondent: Json<Record<string, unknown>>;
  suggestion: string | null;
  entered_by: string | null;
  submitted_at: Timestamp;
}

/** A complaint (0018): due 72 clock hours after receipt, answered once. */
export interface ComplaintsTable {
  id: string;
  complaint_number: string;
  district: string;
  channel: "online" | "phone" | "walk-in";
  process_id: string | null;
  service_name: string | null;
  case_id: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  category: string;
  text: string;
  ip: string | null;
  tracking_code_hash: string;
  track_url: string;
  received_by: string | null;
  received_at: Timestamp;
  due_at: Timestamp;
  answer: string | null;
  responded_at: NullableTimestamp;
  responded_by: string | null;
}

/** An online application (migration 0016): how its applicant is told, and its receipt. */
export interface PublicApplicationsTable {
  case_id: string;
  district: string;
  phone: string | null;
  email: string | null;
  ip: string;
  track_url: string;
  receipt: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export interface VerificationCodesTable {
  id: string;
  district: string;
  phone: string | null;
  email: string | null;
  code_hash: string;
  ip: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CaseFiltersTable {
  id: string;
  user_id: string;
  name: string;
  filter: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TasksTable {
  id: string;
  case_id: string;
  district: string;
  element_id: string;
  element_instance_id: string;
  name: string | null;
  roles: Json<string[]>;
  assignee: string | null;
  /** User ids of the candidate users (zeebe candidateUsers). */
  candidate_users: ColumnType<string[], string | undefined, string>;
  status: "open" | "claimed" | "completed" | "cancelled";
  form_id: string | null;
  documents: ColumnType<string[], string | undefined, string>;
  due_at: NullableTimestamp;
  follow_up_at: NullableTimestamp;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  result: Json<Record<string, unknown>> | null;
  draft: Json<Record<string, unknown>> | null;
  revision: Generated<number>;
}

/** Written only by the tasks trigger (migration 0008): one row per candidate of a free task. */
export interface InboxCandidatesTable {
  task_id: string;
  district: string;
  kind: "role" | "user";
  /** Role id (kind role) or user id (kind user). */
  name: string;
  due_key: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  type: string;
  element_id: string | null;
  actor: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  dedupe_key: string | null;
}

export interface OrgUnitsTable {
  id: string;
  kind: "national" | "province" | "district";
  code: string;
  name: string;
  abbreviation: string;
  parent_id: string | null;
  time_zone: ColumnType<string, string | undefined, string>;
}

export interface RolesTable {
  id: string;
  name_id: string;
  name_en: string;
  kind: "admin" | "staff";
  is_head: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  org_unit_id: string;
  district: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export interface ActingAssignmentsTable {
  id: string;
  user_id: string;
  district: string;
  kind: "plt" | "plh";
  position: string;
  roles: Json<string[]>;
  /** Inclusive Asia/Jakarta dates, read back as YYYY-MM-DD strings. */
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface OidcLoginsTable {
  id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: ColumnType<Date, Date, Date>;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: boolean;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  ip: string | null;
  action: string;
  outcome: "ok" | "denied";
  resource_type: string | null;
  resource_id: string | null;
  district: string | null;
  before: Json<object> | null;
  after: Json<object> | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  scope: string;
  request_hash: string;
  status_code: number | null;
  response: Json<object> | null;
  created_at: Timestamp;
}

/** The last sequence handed out per case-number prefix `SVC/DIST/YEAR`. */
export interface CaseNumberCountersTable {
  prefix: string;
  value: number;
}

export interface CaseDocumentsTable {
  id: string;
  case_id: string;
  requirement_id: string | null;
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface TaskDraftsTable {
  task_id: string;
  user_id: string;
  data: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface WorkflowStartsTable {
  case_id: string;
  workflow_id: string;
  input: Json<object>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
}

export interface WorkerCredentialsTable {
  id: string;
  name: string;
  district: string | null;
  job_types: ColumnType<string[], string, string>;
  secret_hash: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export type ExternalJobState = "open" | "completed" | "failed" | "error" | "cancelled";

export interface ExternalJobsTable {
  job_key: string;
  case_id: string;
  district: string;
  element_id: string;
  type: string;
  headers: ColumnType<Record<string, string>, string, string>;
  variables: ColumnType<Record<string, unknown>, string, string>;
  retries: number;
  task_token: string;
  state: ColumnType<ExternalJobState, ExternalJobState | undefined, ExternalJobState>;
  worker: string | null;
  credential_id: string | null;
  lock_token: string | null;
  locked_until: NullableTimestamp;
  available_at: Timestamp;
  activations: ColumnType<number, number | undefined, number>;
  error_message: string | null;
  checked_at: Timestamp;
  created_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface NotificationReadsTable {
  notification_id: string;
  user_id: string;
  read_at: Timestamp;
}

export interface NotificationPreferencesTable {
  user_id: string;
  email: string | null;
  phone: string | null;
  /** Channels per notification kind; a kind not listed uses the defaults. */
  channels: Json<Partial<Record<NotificationKind, NotificationChannelName[]>>>;
  updated_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  id: string;
  notification_id: string;
  /** null: an applicant's delivery (online applications), addressed by `address` only. */
  user_id: string | null;
  channel: NotificationChannelName;
  address: string;
  /** The text named a field of a sensitive case the recipient may not see: send a withheld notice. */
  withheld: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  provider_id: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

/** See runtime/src/notifications/delivery-sweeper.ts for the life of a delivery. */
export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "unconfirmed";

export interface BatchesTable {
  id: string;
  operation: "cancel" | "retry-incidents" | "migrate";
  status: ColumnType<"running" | "paused" | "done" | "cancelled", string | undefined, string>;
  district: string | null;
  filter: Json<Record<string, unknown>>;
  migration: Json<Record<string, unknown>> | null;
  reason: string;
  requested_by: string;
  requester: Json<{
    userId: string;
    displayName: string;
    district: string | null;
    roles: string[];
    isSuperAdmin: boolean;
    isDistrictAdmin: boolean;
    isHead: boolean;
  }>;
  ip: string | null;
  total: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface BatchItemsTable {
  batch_id: string;
  seq: number;
  case_id: string;
  case_number: string;
  district: string;
  status: ColumnType<"pending" | "running" | "succeeded" | "failed" | "skipped", string | undefined, string>;
  error: Json<{ code: string; message: { id: string; en: string } }> | null;
  attempts: ColumnType<number, number | undefined, number>;
  audited: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

export interface Database {
  process_versions: ProcessVersionsTable;
  cases: CasesTable;
  case_filters: CaseFiltersTable;
  tasks: TasksTable;
  inbox_candidates: InboxCandidatesTable;
  case_events: CaseEventsTable;
  org_units: OrgUnitsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  acting_assignments: ActingAssignmentsTable;
  oidc_logins: OidcLoginsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  case_number_counters: CaseNumberCountersTable;
  case_documents: CaseDocumentsTable;
  task_drafts: TaskDraftsTable;
  workflow_starts: WorkflowStartsTable;
  worker_credentials: WorkerCredentialsTable;
  external_jobs: ExternalJobsTable;
  notification_reads: NotificationReadsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_deliveries: NotificationDeliveriesTable;
  tracking_attempts: TrackingAttemptsTable;
  survey_responses: SurveyResponsesTable;
  public_applications: PublicApplicationsTable;
  verification_codes: VerificationCodesTable;
  complaints: ComplaintsTable;
  report_case_rollups: ReportCaseRollupsTable;
  report_step_rollups: ReportStepRollupsTable;
  batches: BatchesTable;
  batch_items: BatchItemsTable;
}
