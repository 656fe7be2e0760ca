/**
 * Migrating a running case to another version of its process (Camunda's process instance
 * migration): the case's element instances, open tasks, timers, waiting joins and incidents move to
 * the new plan's elements by an element-id mapping (same ids unless mapped), and the case goes on
 * under the new plan. Pure: either the migrated state (plus what the adapter must write) or every
 * reason it cannot move, bilingual.
 *
 * Kept as they are: task ids (an open task stays the same row), timers and their fire instants
 * (SLA timers included: a changed SLA counts for steps entered after the migration), subscriptions,
 * variables, the clock, called cases of call activities that still exist. Boundary events the new
 * version adds to a step already active take effect when the step is next entered.
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import type { EngineCommand, EngineState, Iso } from "./types";

/** Old element id → new element id; an element not named keeps its id. */
export type ElementMapping = Record<string, string>;

export type MigrationBlockerCode =
  | "case-not-running"
  | "other-process"
  | "mapping-invalid"
  | "element-missing"
  | "element-type-changed"
  | "scope-changed"
  | "multi-instance-in-flight"
  | "called-case-orphaned"
  | "join-changed"
  | "event-missing"
  // the adapter's own: the input, a called case, a case no longer on the source version
  | "invalid-input"
  | "called-case"
  | "version-changed";

export interface MigrationBlocker {
  code: MigrationBlockerCode;
  elementId: string | null;
  id: string;
  en: string;
}

/** An open task whose element (or its name) changes: the store row follows. */
export interface MigratedTask {
  taskId: string;
  elementId: string;
  name: string | null;
}

export type MigrationResult =
  | { ok: true; state: EngineState; tasks: MigratedTask[]; commands: EngineCommand[] }
  | { ok: false; blockers: MigrationBlocker[] };

export interface MigrationRequest {
  from: ExecutionPlan;
  to: ExecutionPlan;
  mapping?: ElementMapping;
  /** Shown on the timeline ("migrated from v1 to v2"). */
  fromVersion: number;
  toVersion: number;
  actor: { userId: string; displayName?: string };
  at: Iso;
}

const label = (plan: ExecutionPlan, elementId: string) => {
  const name = plan.nodes[elementId]?.name;
  return name ? `"${name}" (${elementId})` : elementId;
};

/** Checks the whole case against the new plan; migrates it only when nothing blocks. */
export function migrateState(state: EngineState, request: MigrationRequest): MigrationResult {
  const { from, to } = request;
  const mapping = request.mapping ?? {};
  // own keys only: an element id such as "constructor" must not find Object's
  const target = (elementId: string) =>
    Object.hasOwn(mapping, elementId) ? (mapping[elementId] as string) : elementId;
  const blockers: MigrationBlocker[] = [];
  const block = (code: MigrationBlockerCode, elementId: string | null, id: string, en: string) => {
    if (!blockers.some((b) => b.code === code && b.elementId === elementId)) blockers.push({ code, elementId, id, en });
  };

  if (state.status !== "active") {
    block("case-not-running", null, "Permohonan tidak sedang berjalan.", "The case is not running.");
    return { ok: false, blockers };
  }
  if (from.processId !== to.processId || state.processId !== to.processId) {
    block(
      "other-process",
      null,
      `Versi tujuan milik proses lain (${to.processId}).`,
      `The target version belongs to another process (${to.processId}).`,
    );
    return { ok: false, blockers };
  }
  for (const [source, dest] of Object.entries(mapping)) {
    if (!from.nodes[source] || !to.nodes[dest]) {
      block(
        "mapping-invalid",
        source,
        `Pemetaan ${source} → ${dest} tidak valid: langkah itu tidak ada di versi asal atau tujuan.`,
        `Mapping ${source} → ${dest} is invalid: that element does not exist in the source or target version.`,
      );
    }
  }

  const instances = state.instances;
  for (const instance of Object.values(instances)) {
    if (instance.kind === "process") continue;
    const oldNode = from.nodes[instance.elementId];
    const newId = target(instance.elementId);
    const newNode = to.nodes[newId];
    const name = label(from, instance.elementId);
    if (instance.kind === "multiInstanceBody" || instance.loopIndex !== undefined) {
      const bodyElement = instance.elementId;
      block(
        "multi-instance-in-flight",
        bodyElement,
        `Langkah berulang ${label(from, bodyElement)} sedang berjalan; permohonan dapat dipindahkan setelah langkah itu selesai.`,
        `The multi-instance step ${label(from, bodyElement)} is in flight; the case can move once it has finished.`,
      );
      continue;
    }
    if (!newNode) {
      if (instance.wait?.kind === "child") {
        block(
          "called-case-orphaned",
          instance.elementId,
          `Permohonan turunan dari ${name} masih berjalan, tetapi langkah pemanggilnya tidak ada di versi tujuan.`,
          `A called case of ${name} is still running, but its call activity is gone from the target version.`,
        );
      } else {
        block(
          "element-missing",
          instance.elementId,
          `Langkah aktif ${name} tidak ada di versi tujuan (petakan ke langkah lain).`,
          `The active step ${name} does not exist in the target version (map it to another step).`,
        );
      }
      continue;
    }
    if (oldNode && oldNode.type !== newNode.type) {
      block(
        "element-type-changed",
        instance.elementId,
        `Langkah aktif ${name} berubah jenis (${oldNode.type} → ${newNode.type}) di versi tujuan.`,
        `The active step ${name} changes its type (${oldNode.type} → ${newNode.type}) in the target version.`,
      );
      continue;
    }
    const parent = instance.parentId ? instances[instance.parentId] : undefined;
    const parentScope = !parent || parent.kind === "process" ? null : target(parent.elementId);
    if (newNode.scope !== parentScope) {
      block(
        "scope-changed",
        instance.elementId,
        `Langkah aktif ${name} dipindahkan ke sub-proses lain di versi tujuan.`,
        `The active step ${name} is in another sub-process in the target version.`,
      );
    }
  }
  for (const instance of Object.values(instances)) {
    for (const [gatewayId, arrived] of Object.entries(instance.joins ?? {})) {
      const newGateway = target(gatewayId);
      const flowsKept = Object.entries(arrived).every(
        ([flowId, count]) => count === 0 || to.flows[flowId]?.target === newGateway,
      );
      if (!to.nodes[newGateway] || !flowsKept) {
        block(
          "join-changed",
          gatewayId,
          `Gerbang penggabung ${label(from, gatewayId)} menunggu alur yang tidak ada lagi di versi tujuan.`,
          `The joining gateway ${label(from, gatewayId)} waits for flows that are gone from the target version.`,
        );
      }
    }
  }
  for (const subscription of Object.values(state.subscriptions)) {
    const t = subscription.target;
    const events =
      t.kind === "boundary"
        ? [t.boundaryId]
        : t.kind === "eventSubProcess"
          ? [t.startEventId, t.subProcessId]
          : t.kind === "eventGateway"
            ? [t.eventId]
            : [];
    for (const eventId of events) {
      if (!to.nodes[target(eventId)]) {
        block(
          "event-missing",
          eventId,
          `Peristiwa yang sedang ditunggu ${label(from, eventId)} tidak ada di versi tujuan.`,
          `The event being waited for, ${label(from, eventId)}, does not exist in the target version.`,
        );
      }
    }
  }
  if (blockers.length > 0) return { ok: false, blockers };

  // Nothing blocks: move every reference to an element id over to the new plan's.
  const next: EngineState = JSON.parse(JSON.stringify(state));
  const tasks: MigratedTask[] = [];
  const taskOf = new Map(Object.entries(next.tasks).map(([taskId, instanceId]) => [instanceId, taskId]));
  for (const instance of Object.values(next.instances)) {
    if (instance.kind === "process") continue;
    const oldId = instance.elementId;
    instance.elementId = target(oldId);
    if (instance.joins) {
      instance.joins = Object.fromEntries(Object.entries(instance.joins).map(([g, flows]) => [target(g), flows]));
    }
    const taskId = taskOf.get(instance.id);
    const oldName = from.nodes[oldId]?.name ?? null;
    const newName = to.nodes[instance.elementId]?.name ?? null;
    if (taskId && (oldId !== instance.elementId || oldName !== newName)) {
      tasks.push({ taskId, elementId: instance.elementId, name: newName });
    }
  }
  const root = Object.values(next.instances).find((i) => i.kind === "process");
  if (root?.joins) {
    root.joins = Object.fromEntries(Object.entries(root.joins).map(([g, flows]) => [target(g), flows]));
  }
  for (const subscription of Object.values(next.subscriptions)) {
    const t = subscription.target;
    if (t.kind === "boundary") t.boundaryId = target(t.boundaryId);
    else if (t.kind === "eventSubProcess") {
      t.startEventId = target(t.startEventId);
      t.subProcessId = target(t.subProcessId);
    } else if (t.kind === "eventGateway") t.eventId = target(t.eventId);
  }
  for (const incident of next.incidents) {
    if (incident.elementId) incident.elementId = target(incident.elementId);
    if (incident.retry?.op === "subscribe") incident.retry.elementId = target(incident.retry.elementId);
  }
  const seq = next.seq++;
  const moved = Object.entries(mapping).filter(([a, b]) => a !== b);
  const commands: EngineCommand[] = [
    {
      type: "record",
      key: `migrated-${seq}`,
      recordType: "caseMigrated",
      elementId: null,
      data: {
        fromVersion: request.fromVersion,
        toVersion: request.toVersion,
        actor: request.actor.userId,
        ...(request.actor.displayName ? { authorName: request.actor.displayName } : {}),
        ...(moved.length > 0 ? { mapping: Object.fromEntries(moved) } : {}),
      },
      at: request.at,
    },
  ];
  return { ok: true, state: next, tasks, commands };
}
