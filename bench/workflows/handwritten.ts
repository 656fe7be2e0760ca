/**
 * The benchmark's baseline: the same procedure as the interpreted plan (start → 3 user tasks →
 * end) written by hand as a Temporal workflow, doing the same store work through the same
 * activities (createTask, closeTask, recordCaseEvents, setCaseStatus) and the same update.
 */
import type { CaseStateView, CompleteTaskInput } from "@alur/shared/schemas";
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  uuid4,
} from "@temporalio/workflow";
import type { CaseActivities } from "../../runtime/src/temporal/activities/contract";
import { type BpmnProcessInput, caseStateQuery, completeTaskUpdate } from "../../runtime/src/temporal/definitions";

const store = proxyActivities<CaseActivities>({
  startToCloseTimeout: "10 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

const STEPS = [
  { elementId: "periksa", roles: ["back-office"] },
  { elementId: "verifikasi", roles: ["pekerja-sosial"] },
  { elementId: "setujui", roles: ["kepala-bidang"] },
];

export async function handwrittenThreeTasks(input: BpmnProcessInput): Promise<{ status: string }> {
  const variables: Record<string, unknown> = { ...input.variables };
  let open: { taskId: string; elementId: string; roles: string[] } | null = null;
  let completion: CompleteTaskInput | null = null;
  const view = (): CaseStateView => ({
    caseId: input.caseId,
    status: "active",
    openTasks: open ? [{ taskId: open.taskId, elementId: open.elementId }] : [],
    activeElements: open ? [open.elementId] : [],
    variables,
    incidents: [],
  });
  setHandler(caseStateQuery, view);
  let answered = false;
  setHandler(
    completeTaskUpdate,
    async (input) => {
      completion = input;
      await condition(() => answered);
      answered = false;
      return view();
    },
    {
      validator: (input) => {
        const current = open as { taskId: string; roles: string[] } | null;
        if (!current || input.taskId !== current.taskId) {
          throw ApplicationFailure.nonRetryable("unknown task", "unknown-task");
        }
        if (!input.actor.roles.some((r: string) => current.roles.includes(r))) {
          throw ApplicationFailure.nonRetryable("role not allowed", "role-not-allowed");
        }
      },
    },
  );
  const at = () => new Date().toISOString();
  await store.recordCaseEvents({
    caseId: input.caseId,
    events: [{ type: "caseStarted", at: at(), dedupeKey: `${input.caseId}:hw:start` }],
  });
  for (const [i, step] of STEPS.entries()) {
    const taskId = uuid4();
    open = { taskId, ...step };
    await Promise.all([
      store.createTask({
        taskId,
        caseId: input.caseId,
        district: input.district,
        elementId: step.elementId,
        elementInstanceId: `hw-${i}`,
        name: null,
        roles: step.roles,
        assignee: null,
        formId: null,
        documents: [],
        dueAt: null,
      }),
      store.recordCaseEvents({
        caseId: input.caseId,
        events: [
          { type: "elementEntered", elementId: step.elementId, at: at(), dedupeKey: `${input.caseId}:hw:${i}:in` },
        ],
      }),
    ]);
    // like the interpreter, the previous completion's update returns once the next task is open
    if (i > 0) answered = true;
    await condition(() => completion !== null);
    const done = completion as CompleteTaskInput | null;
    completion = null;
    Object.assign(variables, done?.data ?? {});
    open = null;
    await Promise.all([
      store.closeTask({ taskId, status: "completed", by: done?.actor.userId ?? null }),
      store.recordCaseEvents({
        caseId: input.caseId,
        events: [
          { type: "taskCompleted", elementId: step.elementId, at: at(), dedupeKey: `${input.caseId}:hw:${i}:done` },
        ],
      }),
    ]);
  }
  await store.setCaseStatus({ caseId: input.caseId, status: "completed", endedAt: at() });
  answered = true;
  await condition(allHandlersFinished);
  return { status: "completed" };
}
