/**
 * The execution plan: what the compiler makes of a BPMN process and the only thing the runtime
 * executes. It is plain JSON (it travels as Temporal workflow input), versioned by PLAN_VERSION,
 * and never re-parsed from XML at run time.
 */
import { z } from "zod";
import { CasePrivacy, ServiceStandard, VariantInfo, WorkingTimeUnit } from "../schemas";

/** Bump when the plan's shape or meaning changes; a running case keeps the version it started on. */
export const PLAN_VERSION = 1;

/** FEEL source without the leading "=" of Zeebe notation. */
export const FeelSource = z.string().min(1);

/** A value that is either a literal string or a FEEL expression evaluated when it is needed. */
export const ValueOrFeel = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("literal"), value: z.string() }),
  z.object({ kind: z.literal("feel"), source: FeelSource }),
]);
export type ValueOrFeel = z.infer<typeof ValueOrFeel>;

export { WorkingTimeUnit };

/** An amount of (working) time: "7 hari kerja" is { value: 7, unit: "workingDays" }. */
export const WorkingDuration = z.object({ value: z.number().nonnegative(), unit: WorkingTimeUnit });
export type WorkingDuration = z.infer<typeof WorkingDuration>;

/**
 * Timers: ISO 8601 duration ("P3D"), date ("2026-01-01T08:00:00+07:00") or cycle ("R3/P1M"),
 * each literal or FEEL; or a working-time duration counted on the district's business calendar.
 */
export const TimerDefinition = z.discriminatedUnion("type", [
  z.object({ type: z.literal("duration"), value: ValueOrFeel }),
  z.object({ type: z.literal("date"), value: ValueOrFeel }),
  z.object({ type: z.literal("cycle"), value: ValueOrFeel }),
  z.object({ type: z.literal("workingTime"), duration: WorkingDuration }),
]);
export type TimerDefinition = z.infer<typeof TimerDefinition>;

export const EventDefinition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("timer"), timer: TimerDefinition }),
  z.object({
    kind: z.literal("message"),
    messageName: z.string().min(1),
    /** FEEL evaluated against the case variables when the subscription opens. */
    correlationKey: FeelSource.optional(),
  }),
  z.object({ kind: z.literal("error"), errorCode: z.string().optional() }),
  z.object({ kind: z.literal("escalation"), escalationCode: z.string().optional() }),
  z.object({ kind: z.literal("signal"), signalName: z.string().min(1) }),
  z.object({ kind: z.literal("terminate") }),
  z.object({ kind: z.literal("link"), linkName: z.string().min(1) }),
]);
export type EventDefinition = z.infer<typeof EventDefinition>;

export const Mapping = z.object({ source: FeelSource, target: z.string().min(1) });
export type Mapping = z.infer<typeof Mapping>;

export const IoMapping = z.object({
  inputs: z.array(Mapping).default([]),
  outputs: z.array(Mapping).default([]),
});
export type IoMapping = z.infer<typeof IoMapping>;

export const MultiInstance = z.object({
  isSequential: z.boolean(),
  inputCollection: FeelSource,
  inputElement: z.string().optional(),
  outputCollection: z.string().optional(),
  outputElement: FeelSource.optional(),
  completionCondition: FeelSource.optional(),
});
export type MultiInstance = z.infer<typeof MultiInstance>;

/**
 * What a user task needs beyond BPMN: who may do it, its SLA, its form and documents to check.
 * Who may do it (zeebe:assignmentDefinition) is static or FEEL, evaluated when the task opens.
 */
export const UserTaskSpec = z.object({
  /** Static candidate roles (candidateGroups), lower-cased: group ids match role ids case-insensitively. */
  roles: z.array(z.string().min(1)),
  /** candidateGroups as FEEL: a list of group ids or a comma list, evaluated when the task opens. */
  rolesExpression: FeelSource.optional(),
  /** Username, or FEEL marked by a leading "=" (zeebe:assignmentDefinition assignee), kept verbatim. */
  assignee: z.string().optional(),
  /** Static candidate usernames (candidateUsers). */
  candidateUsers: z.array(z.string().min(1)).optional(),
  /** candidateUsers as FEEL: a list of usernames or a comma list. */
  candidateUsersExpression: FeelSource.optional(),
  /** zeebe:taskSchedule: ISO 8601 date-time (or FEEL) of the due date; wins over the SLA's due date. */
  dueDate: ValueOrFeel.optional(),
  /** zeebe:taskSchedule: ISO 8601 date-time (or FEEL) of the follow-up date. */
  followUpDate: ValueOrFeel.optional(),
  formId: z.string().optional(),
  sla: WorkingDuration.optional(),
  /** Requirement ids (from the service standard) this task verifies. */
  documents: z.array(z.string()).default([]),
  /** Roles notified when the SLA is breached (e.g. the head of division). */
  escalateTo: z.array(z.string()).default([]),
});
export type UserTaskSpec = z.infer<typeof UserTaskSpec>;

export const ConnectorSpec = z.object({
  /** zeebe:taskDefinition type: "http", "notify", "document", ... */
  type: z.string().min(1),
  retries: z.number().int().nonnegative().default(3),
  /** zeebe:taskHeaders, verbatim. */
  headers: z.record(z.string(), z.string()).default({}),
});
export type ConnectorSpec = z.infer<typeof ConnectorSpec>;

const nodeBase = {
  id: z.string().min(1),
  name: z.string().optional(),
  /** Id of the enclosing subprocess; null at process level. */
  scope: z.string().nullable(),
  incoming: z.array(z.string()),
  outgoing: z.array(z.string()),
  io: IoMapping.optional(),
  multiInstance: MultiInstance.optional(),
  /** Waiting here stops the service-standard clock (applicant, province, court...). */
  pausesClock: z.boolean().default(false),
};

export const FlowNode = z.discriminatedUnion("type", [
  z.object({
    ...nodeBase,
    type: z.literal("startEvent"),
    eventDefinition: EventDefinition.optional(),
    /** Only for starts of event subprocesses. */
    isInterrupting: z.boolean().default(true),
  }),
  z.object({ ...nodeBase, type: z.literal("endEvent"), eventDefinition: EventDefinition.optional() }),
  z.object({ ...nodeBase, type: z.literal("intermediateCatchEvent"), eventDefinition: EventDefinition }),
  z.object({ ...nodeBase, type: z.literal("intermediateThrowEvent"), eventDefinition: EventDefinition.optional() }),
  z.object({
    ...nodeBase,
    type: z.literal("boundaryEvent"),
    attachedTo: z.string().min(1),
    cancelActivity: z.boolean(),
    eventDefinition: EventDefinition,
  }),
  z.object({ ...nodeBase, type: z.literal("userTask"), task: UserTaskSpec }),
  z.object({ ...nodeBase, type: z.literal("serviceTask"), connector: ConnectorSpec }),
  z.object({ ...nodeBase, type: z.literal("sendTask"), connector: ConnectorSpec }),
  z.object({
    ...nodeBase,
    type: z.literal("receiveTask"),
    messageName: z.string().min(1),
    correlationKey: FeelSource.optional(),
  }),
  z.object({
    ...nodeBase,
    type: z.literal("scriptTask"),
    expression: FeelSource,
    resultVariable: z.string().min(1),
  }),
  z.object({ ...nodeBase, type: z.literal("manualTask") }),
  z.object({ ...nodeBase, type: z.literal("task") }),
  z.object({ ...nodeBase, type: z.literal("exclusiveGateway"), defaultFlow: z.string().optional() }),
  z.object({ ...nodeBase, type: z.literal("inclusiveGateway"), defaultFlow: z.string().optional() }),
  z.object({ ...nodeBase, type: z.literal("parallelGateway") }),
  z.object({ ...nodeBase, type: z.literal("eventBasedGateway") }),
  z.object({ ...nodeBase, type: z.literal("subProcess"), triggeredByEvent: z.boolean().default(false) }),
  z.object({
    ...nodeBase,
    type: z.literal("callActivity"),
    /** Process id of the called model (zeebe:calledElement processId), literal or FEEL. */
    calledProcess: ValueOrFeel,
    propagateAllChildVariables: z.boolean().default(true),
  }),
]);
export type FlowNode = z.infer<typeof FlowNode>;

export const SequenceFlow = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** FEEL condition; absent means unconditional. */
  condition: FeelSource.optional(),
});
export type SequenceFlow = z.infer<typeof SequenceFlow>;

export const ExecutionPlan = z.object({
  planVersion: z.literal(PLAN_VERSION),
  processId: z.string().min(1),
  name: z.string().optional(),
  /** Flow nodes by id, every scope flattened; a node's `scope` says where it lives. */
  nodes: z.record(z.string(), FlowNode),
  flows: z.record(z.string(), SequenceFlow),
  /** Boundary event ids by the id of the activity they are attached to. */
  boundaries: z.record(z.string(), z.array(z.string())).default({}),
  /** form-js schemas by form id, embedded at deploy time so the runtime validates completions. */
  forms: z.record(z.string(), z.unknown()).default({}),
  /**
   * The start form's id in `forms` (zeebe:formDefinition of the none start event): a new case's
   * start data may set only its editable fields. Without one, start data sets nothing.
   */
  startFormId: z.string().optional(),
  standard: ServiceStandard.optional(),
  variant: VariantInfo.optional(),
  /** Personal-data rules (alur:privacy): restricted fields and documents, audit, retention. */
  privacy: CasePrivacy.optional(),
});
export type ExecutionPlan = z.infer<typeof ExecutionPlan>;
