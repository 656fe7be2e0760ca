/**
 * A small typed builder for execution plans in engine tests: nodes without the bookkeeping
 * (incoming/outgoing/scope defaults), flows by source and target, boundaries by attachment.
 */
import { type EventDefinition, ExecutionPlan, type FlowNode, type IoMapping, PLAN_VERSION } from "@alur/shared/plan";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type DistributivePartial<T, K extends keyof T> = T extends unknown ? Omit<T, K> & Partial<Pick<T, K>> : never;

/** A node as tests write it: incoming/outgoing are derived from flows, the rest has defaults. */
export type NodeInput = DistributivePartial<
  DistributiveOmit<FlowNode, "incoming" | "outgoing">,
  "scope" | "pausesClock"
>;

export class PlanBuilder {
  private readonly nodes: Record<string, NodeInput> = {};
  private readonly flows: ExecutionPlan["flows"] = {};
  private readonly boundaries: Record<string, string[]> = {};

  constructor(private readonly processId = "proses") {}

  /** Adds any node. */
  node(node: NodeInput): this {
    this.nodes[node.id] = node;
    if (node.type === "boundaryEvent") {
      this.boundaries[node.attachedTo] = [...(this.boundaries[node.attachedTo] ?? []), node.id];
    }
    return this;
  }

  start(id: string, extra: Partial<Extract<NodeInput, { type: "startEvent" }>> = {}): this {
    return this.node({ type: "startEvent", id, isInterrupting: true, ...extra });
  }

  end(id: string, eventDefinition?: EventDefinition, scope: string | null = null): this {
    return this.node({ type: "endEvent", id, scope, ...(eventDefinition ? { eventDefinition } : {}) });
  }

  userTask(id: string, extra: Partial<Omit<Extract<NodeInput, { type: "userTask" }>, "type" | "id">> = {}): this {
    const task = { roles: ["front-office"], documents: [], escalateTo: [], ...extra.task };
    return this.node({ type: "userTask", id, ...extra, task });
  }

  serviceTask(
    id: string,
    jobType = "http",
    extra: Partial<Omit<Extract<NodeInput, { type: "serviceTask" }>, "type" | "id">> = {},
  ): this {
    return this.node({ type: "serviceTask", id, connector: { type: jobType, retries: 3, headers: {} }, ...extra });
  }

  gateway(
    id: string,
    type: "exclusiveGateway" | "inclusiveGateway" | "parallelGateway" | "eventBasedGateway",
    extra: { defaultFlow?: string; scope?: string | null } = {},
  ): this {
    return this.node({ type, id, ...extra } as NodeInput);
  }

  catchEvent(
    id: string,
    eventDefinition: EventDefinition,
    extra: { scope?: string | null; pausesClock?: boolean; io?: IoMapping } = {},
  ): this {
    return this.node({ type: "intermediateCatchEvent", id, eventDefinition, ...extra });
  }

  throwEvent(id: string, eventDefinition?: EventDefinition, scope: string | null = null): this {
    return this.node({ type: "intermediateThrowEvent", id, scope, ...(eventDefinition ? { eventDefinition } : {}) });
  }

  boundary(
    id: string,
    attachedTo: string,
    eventDefinition: EventDefinition,
    cancelActivity = true,
    scope: string | null = null,
  ): this {
    return this.node({ type: "boundaryEvent", id, attachedTo, eventDefinition, cancelActivity, scope });
  }

  subProcess(id: string, extra: { scope?: string | null; triggeredByEvent?: boolean } & Partial<NodeInput> = {}): this {
    return this.node({ type: "subProcess", id, triggeredByEvent: false, ...extra } as NodeInput);
  }

  /** A sequence flow; the id defaults to `source->target`. */
  flow(source: string, target: string, condition?: string, id = `${source}->${target}`): this {
    this.flows[id] = { id, source, target, ...(condition ? { condition } : {}) };
    return this;
  }

  /** Unconditional flows between consecutive elements. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.flow(ids[i - 1] as string, ids[i] as string);
    return this;
  }

  /** The plan, validated by the real ExecutionPlan schema (which also fills its defaults). */
  build(extra: Partial<ExecutionPlan> = {}): ExecutionPlan {
    const flows = Object.values(this.flows);
    const nodes = Object.fromEntries(
      Object.values(this.nodes).map((node) => [
        node.id,
        {
          scope: null,
          pausesClock: false,
          ...node,
          incoming: flows.filter((f) => f.target === node.id).map((f) => f.id),
          outgoing: flows.filter((f) => f.source === node.id).map((f) => f.id),
        },
      ]),
    );
    return ExecutionPlan.parse({
      planVersion: PLAN_VERSION,
      processId: this.processId,
      nodes,
      flows: this.flows,
      boundaries: this.boundaries,
      ...extra,
    });
  }
}
