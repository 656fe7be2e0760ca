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
