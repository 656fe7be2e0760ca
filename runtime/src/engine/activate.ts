/**
 * What each element family does once a token entered it: pass through, wait for a task, job,
 * child, message, timer or signal, split at a gateway, or throw an event.
 */
import type { FlowNode } from "@alur/shared/plan";
import { evaluateAssignment, evaluateSchedule } from "./assignment";
import { type Ctx, dropInstance, emit, nextId, nodeOf, raiseIncident, record } from "./context";
import { selectFlows } from "./gateways";
import { cancelChildren, completeInstance, finishCase, schedule } from "./lifecycle";
import { subscribe, unsubscribe } from "./subscriptions";
import { escalate, throwError, throwSignal } from "./throw";
import { addWorkingTime } from "./timers";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

/** Runs the behaviour of an element family on a freshly entered instance. */
export function activate(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  switch (node.type) {
    case "startEvent":
    case "manualTask":
    case "task":
    case "boundaryEvent":
      completeInstance(ctx, instance.id, {});
      return;
    case "exclusiveGateway":
    case "inclusiveGateway":
    case "parallelGateway": {
      const selection = selectFlows(ctx, instance, node);
      if (selection.ok) completeInstance(ctx, instance.id, {}, selection.flows);
      else raiseIncident(ctx, instance.id, node.id, selection.code, selection.error);
      return;
    }
    case "eventBasedGateway": {
      openEventGateway(ctx, instance, node);
      return;
    }
    case "intermediateCatchEvent":
      if (node.eventDefinition.kind === "link") {
        completeInstance(ctx, instance.id, {});
        return;
      }
      {
        waitFor(ctx, instance, node, node.eventDefinition);
        return;
      }
    case "receiveTask": {
      waitFor(ctx, instance, node, {
        kind: "message",
        messageName: node.messageName,
        ...(node.correlationKey ? { correlationKey: node.correlationKey } : {}),
      });
      return;
    }
    case "intermediateThrowEvent":
    case "endEvent": {
      throwFrom(ctx, instance, node);
      return;
    }
    case "userTask": {
      openTask(ctx, instance, node);
      return;
    }
    case "serviceTask":
    case "sendTask": {
      runJob(ctx, instance, node);
      return;
    }
    case "scriptTask": {
      const result = feel(node.expression, scopeContext(ctx, instance.id));
      if (!result.ok) {
        raiseIncident(ctx, instance.id, node.id, "script-error", result.error);
        return;
      }
      completeInstance(ctx, instance.id, { [node.resultVariable]: result.value });
      return;
    }
    case "subProcess": {
      const start = Object.values(ctx.plan.nodes).find(
        (n) => n.type === "startEvent" && n.scope === node.id && !n.eventDefinition,
      );
      if (!start) {
        raiseIncident(ctx, instance.id, node.id, "no-start-event", `Subprocess "${node.id}" has no none start event`);
        return;
      }
      schedule(ctx, { op: "enter", elementId: start.id, parentId: instance.id, flowId: null });
      return;
    }
    case "callActivity": {
      startChild(ctx, instance, node);
      return;
    }
  }
}

function waitFor(
  ctx: Ctx,
  instance: ElementInstance,
  node: FlowNode,
  definition: Parameters<typeof subscribe>[1],
): void {
  if (definition.kind !== "message" && definition.kind !== "timer" && definition.kind !== "signal") {
    raiseIncident(
      ctx,
      instance.id,
      node.id,
      "unsupported-event",
      `"${node.id}" cannot wait for a ${definition.kind} event`,
    );
    return;
  }
  const id = subscribe(ctx, definition, { kind: "catch", instanceId: instance.id }, instance, node.id);
  if (id) instance.wait = { kind: definition.kind, subscriptionId: id };
}

/** Event-based gateway (§13.3.6): subscribes every following catch event; the first to fire wins. */
function openEventGateway(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  const ids: string[] = [];
  for (const flowId of node.outgoing) {
    const target = nodeOf(ctx, ctx.plan.flows[flowId]?.target ?? "");
    const definition =
      target?.type === "intermediateCatchEvent"
        ? target.eventDefinition
        : target?.type === "receiveTask"
          ? ({ kind: "message", messageName: target.messageName, correlationKey: target.correlationKey } as const)
          : undefined;
    if (!target || !definition) {
      raiseIncident(
        ctx,
        instance.id,
        node.id,
        "invalid-event-gateway",
        `Flow "${flowId}" of "${node.id}" does not lead to a catch event`,
      );
      return;
    }
    const target_ = { kind: "eventGateway", gatewayInstanceId: instance.id, eventId: target.id } as const;
    const id = subscribe(ctx, definition, target_, instance, target.id);
    if (!id) {
      // All branches or none: a retry of the incident subscribes them all again.
      for (const opened of ids) unsubscribe(ctx, opened);
      return;
    }
    ids.push(id);
  }
  instance.wait = { kind: "eventGateway", subscriptionIds: ids };
}

/** Throw and end events: terminate, error, escalation, signal, link, or a plain end. */
function throwFrom(ctx: Ctx, instance: ElementInstance, node: FlowNode): void {
  const definition =
    node.type === "endEvent" || node.type === "intermediateThrowEvent" ? node.eventDefinition : undefined;
  switch (definition?.kind) {
    case "terminate": {
      // Terminate ends its own scope: the whole case at process level, the subprocess inside one (§13.5.6).
      const scopeId = instance.parentId;
      if (!scopeId) return;
      // Leave without completing: completion would end the scope normally before it is terminated.
      dropInstance(ctx, instance.id);
      record(ctx, "elementLeft", node.id, { elementInstanceId: instance.id });
      const scope = ctx.state.instances[scopeId];
      if (!scope) return;
      if (scope.kind === "process") {
        finishCase(ctx, "terminated");
        return;
      }
      cancelChildren(ctx, scope.id);
      completeInstance(ctx, scope.id, {});
      return;
    }
    case "error": {
      throwError(ctx, instance, definition.errorCode ?? "", `Error end event "${node.id}"`, false);
      return;
    }
    case "escalation":
      // Uncaught, it goes up to the parent case's call activity (the `escalate` command).
      escalate(ctx, instance, definition.escalationCode ?? "", false);
      // An interrupting catch may have cancelled the thrower.
      if (ctx.state.instances[instance.id]) completeInstance(ctx, instance.id, {});
      return;
    case "message": {
      // A message throw/end event sends to another case waiting for it (ch. 10 "Message"
      // events: the sender is an element of this process, the receiver a case of another).
      const context = scopeContext(ctx, instance.id);
      let correlationKey: string | null = null;
      if (definition.correlationKey) {
        const key = feel(definition.correlationKey, context);
        if (!key.ok) {
          raiseIncident(ctx, instance.id, node.id, "correlation-key-error", key.error);
          return;
        }
        correlationKey = key.value === null ? null : String(key.value);
      }
      // The payload is what the event's input mappings chose (its locals), like a signal's: the
      // whole case context would hand personal data to another case.
      const variables = { ...instance.variables };
      emit(ctx, { type: "sendMessage", name: definition.messageName, correlationKey, variables });
      record(ctx, "messageSent", node.id, { name: definition.messageName, correlationKey });
      completeInstance(ctx, instance.id, {});
      return;
    }
    case "signal":
      throwSignal(ctx, definition.signalName, { ...instance.variables });
      if (ctx.state.instances[instance.id]) completeInstance(ctx, instance.id, {});
      return;
    case "link": {
      const linkName = definition.linkName;
      const catcher = Object.values(ctx.plan.nodes).find(
        (n) =>
          n.type === "intermediateCatchEvent" &&
          n.eventDefinition.kind === "link" &&
          n.eventDefinition.linkName === linkName &&
          n.scope === node.scope,
      );
      if (!catcher || !instance.parentId) {
        raiseIncident(
          ctx,
          instance.id,
          node.id,
          "link-not-found",
          `No link catch event "${linkName}" in the same scope`,
        );
        return;
      }
      schedule(ctx, { op: "enter", elementId: catcher.id, parentId: instance.parentId, flowId: null });
      completeInstance(ctx, instance.id, {}, []);
      return;
    }
    default:
      completeInstance(ctx, instance.id, {});
  }
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

/** Call activity: the called process runs as a child case with the mapped inputs (or all variables). */
function startChild(ctx: Ctx, instance: ElementInstance, node: Extract<FlowNode, { type: "callActivity" }>): void {
  let processId: string;
  if (node.calledProcess.kind === "literal") {
    processId = node.calledProcess.value;
  } else {
    const value = feel(node.calledProcess.source, scopeContext(ctx, instance.id));
    if (!value.ok || typeof value.value !== "string") {
      const error = value.ok ? `calledElement "${node.calledProcess.source}" is not a text` : value.error;
      raiseIncident(ctx, instance.id, node.id, "called-element-error", error);
      return;
    }
    processId = value.value;
  }
  const childId = nextId(ctx, `${ctx.state.caseId}-c`);
  ctx.state.children[childId] = instance.id;
  instance.wait = { kind: "child", childId };
  const hasInputs = (node.io?.inputs.length ?? 0) > 0;
  const variables = hasInputs ? { ...instance.variables } : scopeContext(ctx, instance.id);
  emit(ctx, { type: "startChild", childId, elementId: node.id, processId, variables });
}
