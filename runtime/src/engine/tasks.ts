/**
 * Tasks: a user task waits in an inbox, service and send tasks run a connector job, a script
 * task evaluates FEEL, a receive task waits for its message, a plain or manual task passes.
 */
import type { FlowNode } from "@alur/shared/plan";
import { evaluateAssignment, evaluateSchedule } from "./assignment";
import { type Ctx, type ElementTable, emit, nextId, raiseIncident } from "./context";
import { completeInstance } from "./lifecycle";
import { subscribe, waitFor } from "./subscriptions";
import { addWorkingTime } from "./timers";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

type TaskType = "task" | "manualTask" | "userTask" | "serviceTask" | "sendTask" | "scriptTask" | "receiveTask";

function passThrough(ctx: Ctx, instance: ElementInstance): void {
  completeInstance(ctx, instance.id, {});
}

export const taskBehaviours: Pick<ElementTable, TaskType> = {
  task: { activate: passThrough },
  manualTask: { activate: passThrough },
  userTask: { activate: openTask },
  serviceTask: { activate: runJob },
  sendTask: { activate: runJob },
  scriptTask: { activate: runScript },
  receiveTask: {
    activate(ctx, instance, node) {
      waitFor(ctx, instance, node, {
        kind: "message",
        messageName: node.messageName,
        ...(node.correlationKey ? { correlationKey: node.correlationKey } : {}),
      });
    },
  },
};

function runScript(ctx: Ctx, instance: ElementInstance, node: Extract<FlowNode, { type: "scriptTask" }>): void {
  const result = feel(node.expression, scopeContext(ctx, instance.id));
  if (!result.ok) {
    raiseIncident(ctx, instance.id, node.id, "script-error", result.error);
    return;
  }
  completeInstance(ctx, instance.id, { [node.resultVariable]: result.value });
}

/**
 * User task: the adapter creates it in the store with the evaluated assignment; with an SLA it
 * gets a due date and an SLA timer (a zeebe:taskSchedule due date wins for the task's due date).
 */
function openTask(ctx: Ctx, instance: ElementInstance, node: Extract<FlowNode, { type: "userTask" }>): void {
  const spec = node.task;
  const context = scopeContext(ctx, instance.id);
  const assignment = evaluateAssignment(spec, context);
  if (!assignment.ok) {
    raiseIncident(ctx, instance.id, node.id, "assignment-error", assignment.error);
    return;
  }
  const schedule = evaluateSchedule(spec, context);
  if (!schedule.ok) {
    raiseIncident(ctx, instance.id, node.id, "task-schedule-error", schedule.error);
    return;
  }
  let slaDue: string | null = null;
  if (spec.sla) {
    const due = addWorkingTime(ctx, ctx.at, spec.sla);
    if (!due.ok) {
      raiseIncident(ctx, instance.id, node.id, "calendar-error", due.error);
      return;
    }
    slaDue = due.value;
  }
  const { roles, candidateUsers, assignee } = assignment.value;
  const taskId = nextId(ctx, `${ctx.state.caseId}-t`);
  ctx.state.tasks[taskId] = instance.id;
  emit(ctx, {
    type: "openTask",
    taskId,
    elementId: node.id,
    elementInstanceId: instance.id,
    name: node.name ?? null,
    roles,
    assignee,
    candidateUsers,
    formId: spec.formId ?? null,
    documents: [...spec.documents],
    dueAt: schedule.value.dueAt ?? slaDue,
    followUpAt: schedule.value.followUpAt,
    pausesClock: node.pausesClock,
  });
  let slaTimerId: string | null = null;
  if (spec.sla && slaDue) {
    const id = subscribe(
      ctx,
      { kind: "timer", timer: { type: "date", value: { kind: "literal", value: slaDue } } },
      { kind: "sla", instanceId: instance.id },
      instance,
      node.id,
    );
    const subscription = id ? ctx.state.subscriptions[id] : undefined;
    if (subscription?.trigger.kind === "timer") slaTimerId = subscription.trigger.timerId;
  }
  instance.wait = {
    kind: "task",
    taskId,
    slaTimerId,
    assignment: { roles, candidateUsers, ...(assignee ? { assignee } : {}) },
  };
}

/** Service and send tasks: the adapter runs the connector and reports back. */
function runJob(
  ctx: Ctx,
  instance: ElementInstance,
  node: Extract<FlowNode, { type: "serviceTask" | "sendTask" }>,
): void {
  const jobId = nextId(ctx, `${ctx.state.caseId}-j`);
  ctx.state.jobs[jobId] = instance.id;
  instance.wait = { kind: "job", jobId };
  emit(ctx, {
    type: "runJob",
    jobId,
    elementId: node.id,
    elementInstanceId: instance.id,
    jobType: node.connector.type,
    headers: { ...node.connector.headers },
    variables: scopeContext(ctx, instance.id),
  });
}
