/**
 * One run of a case's workflow: the engine state and the adapter's bookkeeping around it, shared
 * by the handlers, the command executor and the loop. Deterministic: time is workflow time.
 *
 * Event loop. Updates, signals, timers and activity results only enqueue engine events
 * (`enqueue`); the loop applies them strictly in order, so engine state is never touched
 * concurrently. An update waits for its event to be applied (`waitApplied`).
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import type { CaseStateView, CaseStatus, Variables } from "@alur/shared/schemas";
import { type CancellationScope, condition } from "@temporalio/workflow";
import { caseView, planMessageNames } from "../../engine";
import { CalledCases } from "../../engine/called-cases";
import type { EngineEvent, EngineState } from "../../engine/types";
import { type BpmnProcessInput, childWorkflowId, type ForwardedMessage } from "../definitions";
import { TaskIds } from "./task-ids";

export type Enqueued = { seq: number; event: EngineEvent };

/** How the engine took an enqueued event; a buffered message is accepted but not correlated yet. */
export type Applied = { accepted: boolean; buffered: boolean; expiresAt?: string };

export class CaseRun {
  /** The plan the case runs; a migration (`migrate` update) swaps it for another version's. */
  plan: ExecutionPlan;
  planHash: string;
  readonly caseId: string;
  readonly district: string;
  /** A called case's store rows belong to its top case under this prefix ("" for a top case). */
  readonly prefix: string;
  readonly isChild: boolean;
  /** Plans of called processes, pinned at case start or loaded once (then pinned by history). */
  readonly calledPlans: NonNullable<BpmnProcessInput["calledPlans"]>;
  /** The message names this case's plan can wait for (recomputed when a migration swaps the plan). */
  ownMessageNames: string[];

  state: EngineState | null;
  /** Engine task id ↔ store task id (derived; uuids of older runs kept). */
  readonly taskIds: TaskIds;
  /** Running timers: engine timer id → fire instant (carried across continue-as-new). */
  readonly timers: Map<string, string>;
  /** The due date and status last written to the cases row. */
  dueAt: string | null;
  lastStatus: CaseStatus | null = null;

  readonly queue: Enqueued[] = [];
  readonly applied = new Map<number, Applied>();
  private nextSeq = 0;
  /** The loop is applying an event (its commands may still be running). */
  applying = false;
  /** Store task ids whose completion is accepted but not yet applied. */
  readonly pendingTasks = new Set<string>();
  /** Store task id → what its accepted completion closes the row with (form data, audit fields). */
  readonly completions = new Map<string, { data: Variables; ip: string | null }>();
  /** Incident ids whose retry is accepted but not yet applied. */
  readonly pendingIncidents = new Set<string>();
  /** Cancellable work by key (`timer:`, `job:`, `child:`). */
  readonly scopes = new Map<string, CancellationScope>();
  /** Jobs and called cases running; continue-as-new waits for none. */
  inFlight = 0;
  readonly calledCases = new CalledCases();
  /** What this called case last reported to its parent. */
  reportedIncidents: string;
  reportedMessageSubscriptions: string;

  constructor(readonly input: BpmnProcessInput) {
    this.plan = input.plan;
    this.planHash = input.planHash;
    this.caseId = input.caseId;
    this.district = input.district;
    this.prefix = input.child?.storePrefix ?? "";
    this.isChild = input.child !== undefined;
    this.calledPlans = { ...input.calledPlans };
    this.ownMessageNames = planMessageNames(this.plan);
    this.state = input.resume?.state ?? null;
    this.taskIds = new TaskIds(this.caseId, this.prefix, new Map(Object.entries(input.resume?.taskIds ?? {})));
    this.timers = new Map(Object.entries(input.resume?.timers ?? {}));
    this.dueAt = input.resume?.dueAt ?? null;
    this.reportedIncidents = input.resume?.reported?.incidents ?? "";
    this.reportedMessageSubscriptions = input.resume?.reported?.messageSubscriptions ?? "";
  }

  /** Goes on under another version's plan (a migration; the engine state was moved by migrateState). */
  swapPlan(plan: ExecutionPlan, planHash: string, state: EngineState): void {
    this.plan = plan;
    this.planHash = planHash;
    this.state = state;
    this.ownMessageNames = planMessageNames(plan);
  }

  now(): string {
    return new Date().toISOString();
  }

  /** The workflow id of this case's called case `childId` (nested under this case's own path). */
  childWorkflowOf(childId: string): string {
    return childWorkflowId(this.caseId, `${this.prefix}${childId}`);
  }

  enqueue(event: EngineEvent): number {
    const seq = this.nextSeq++;
    this.queue.push({ seq, event });
    return seq;
  }

  /** Waits until the loop applied event `seq`; how the engine took it. */
  async waitApplied(seq: number): Promise<Applied> {
    await condition(() => this.applied.has(seq));
    const result = this.applied.get(seq) ?? { accepted: false, buffered: false };
    this.applied.delete(seq);
    return result;
  }

  /** Puts the start event before anything that arrived while the case was being set up. */
  enqueueFirst(event: EngineEvent): void {
    this.queue.unshift({ seq: this.nextSeq++, event });
  }

  messageReceived(message: ForwardedMessage): EngineEvent {
    return {
      type: "messageReceived",
      name: message.name,
      correlationKey: message.correlationKey,
      payload: message.payload ?? {},
      at: this.now(),
      ...(message.expiresAt ? { expiresAt: message.expiresAt } : {}),
    };
  }

  /** What the caseState query and every update answer: engine view, store task ids, element names, called cases' incidents. */
  view(): CaseStateView {
    const { state, plan, taskIds } = this;
    if (!state)
      return { caseId: this.caseId, status: "active", openTasks: [], activeElements: [], variables: {}, incidents: [] };
    const v = caseView(state);
    // named here, where the plan is: a parent shows its called cases' incidents without their plans
    const incidents = v.incidents.map((i) => {
      const name = i.elementId ? plan.nodes[i.elementId]?.name : undefined;
      return name ? { ...i, elementName: name } : i;
    });
    return this.calledCases.view({
      ...v,
      incidents,
      openTasks: v.openTasks.map((t) => ({ ...t, taskId: taskIds.storeId(t.taskId) })),
    });
  }
}
