/**
 * Sub-processes and call activities: an embedded subprocess starts at its none start event (its
 * scope completes when its tokens run out, lifecycle.ts); a call activity runs the called
 * process as a child case. Event subprocesses start from a subscription (triggers.ts).
 */
import type { FlowNode } from "@alur/shared/plan";
import { type Ctx, type ElementTable, emit, nextId, raiseIncident } from "./context";
import { schedule } from "./lifecycle";
import type { ElementInstance } from "./types";
import { feel, scopeContext } from "./variables";

export const subProcessBehaviours: Pick<ElementTable, "subProcess" | "callActivity"> = {
  subProcess: {
    activate(ctx, instance, node) {
      const start = Object.values(ctx.plan.nodes).find(
        (n) => n.type === "startEvent" && n.scope === node.id && !n.eventDefinition,
      );
      if (!start) {
        raiseIncident(ctx, instance.id, node.id, "no-start-event", `Subprocess "${node.id}" has no none start event`);
        return;
      }
      schedule(ctx, { op: "enter", elementId: start.id, parentId: instance.id, flowId: null });
    },
  },
  callActivity: { activate: startChild },
};

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
