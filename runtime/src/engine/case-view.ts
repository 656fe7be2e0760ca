/** The case as the API and the inbox see it (CaseStateView), derived from engine state. */
import type { CaseStateView } from "@alur/shared/schemas";
import type { EngineState } from "./types";

/** Projects the engine state onto the public CaseStateView. */
export function caseView(state: EngineState): CaseStateView {
  const root = Object.values(state.instances).find((i) => i.parentId === null);
  const status =
    state.status === "created"
      ? "active"
      : state.status === "active" && state.incidents.length > 0
        ? "incident"
        : state.status;
  return {
    caseId: state.caseId,
    status,
    openTasks: Object.entries(state.tasks).map(([taskId, instanceId]) => ({
      taskId,
      elementId: state.instances[instanceId]?.elementId ?? "",
    })),
    activeElements: Object.values(state.instances)
      .filter((i) => i.kind !== "process")
      .map((i) => i.elementId),
    variables: { ...(root?.variables ?? {}) },
    incidents: state.incidents.map((i) => ({
      id: i.id,
      elementId: i.elementId,
      code: i.code,
      message: i.message,
      at: i.at,
    })),
  };
}

/**
 * Joining gateways holding tokens, with the flows that arrived: what a case that stopped moving
 * waits on (a deadlock names these, `alur simulate`).
 */
export function waitingJoins(state: EngineState): { gatewayId: string; arrivedFrom: string[] }[] {
  const out: { gatewayId: string; arrivedFrom: string[] }[] = [];
  for (const instance of Object.values(state.instances)) {
    for (const [gatewayId, flows] of Object.entries(instance.joins ?? {})) {
      const arrivedFrom = Object.entries(flows)
        .filter(([, count]) => count > 0)
        .map(([flowId]) => flowId);
      if (arrivedFrom.length > 0) out.push({ gatewayId, arrivedFrom });
    }
  }
  return out;
}
