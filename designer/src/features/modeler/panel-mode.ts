/**
 * The properties panel's "simple" mode: only what Alur runs and an admin fills in (name, Alur's
 * groups, timers, messages, loops), without the Camunda-only groups. "full" shows everything the
 * Camunda provider offers. Either way the roles have one field, Alur's "Peran".
 */

export type PanelMode = "simple" | "full";

/** Camunda provider groups that simple mode hides: Alur's own groups or nothing in Alur covers them. */
const CAMUNDA_ONLY_GROUPS = new Set([
  "taskDefinition", // Alur's connector group edits the job type
  "headers",
  "inputs",
  "outputs",
  "inputPropagation",
  "outputPropagation",
  "Zeebe__ExecutionListeners",
  "Zeebe__TaskListeners",
  "Zeebe__ExtensionProperties",
  "userTaskImplementation",
  "assignmentDefinition", // Alur's task group has the roles
  "form", // Alur's task group links or opens the form
  "businessRuleImplementation",
  "calledDecision",
  "scriptImplementation",
  "adHocSubProcessImplementation",
  "activeElements",
  "outputCollection",
]);

/** The Camunda assignment entry that edits what Alur's "Peran" field edits (zeebe candidateGroups). */
const DUPLICATE_ROLES_ENTRY = "assignmentDefinitionCandidateGroups";

type Group = { id: string; entries?: { id: string }[] };

/** The groups a mode shows; `hasAlurCondition` hides the Camunda condition group Alur's checked one replaces. */
export function groupsFor<G extends Group>(mode: PanelMode, groups: G[], hasAlurCondition: boolean): G[] {
  const kept =
    mode === "simple"
      ? groups.filter((g) => !CAMUNDA_ONLY_GROUPS.has(g.id) && !(hasAlurCondition && g.id === "condition"))
      : groups;
  return kept.map((g) =>
    g.id === "assignmentDefinition" && g.entries
      ? { ...g, entries: g.entries.filter((e) => e.id !== DUPLICATE_ROLES_ENTRY) }
      : g,
  );
}

const KEY_PREFIX = "alur.panelMode.";

/** The mode a user chose last (simple until they choose otherwise). */
export function storedPanelMode(userId: string | undefined): PanelMode {
  try {
    return localStorage.getItem(KEY_PREFIX + (userId ?? "")) === "full" ? "full" : "simple";
  } catch {
    return "simple";
  }
}

/** Remembers a user's choice in this browser. */
export function storePanelMode(userId: string | undefined, mode: PanelMode): void {
  try {
    localStorage.setItem(KEY_PREFIX + (userId ?? ""), mode);
  } catch {
    // storage refused (private mode, quota): the choice lasts until the page closes
  }
}

/** The didi service holding the current mode; setting it redraws the panel. */
export class AlurPanelMode {
  static $inject = ["eventBus"];
  mode: PanelMode = "simple";
  constructor(private readonly eventBus: { fire(event: string): void }) {}

  set(mode: PanelMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    // the panel recomputes its groups from the providers on this event
    this.eventBus.fire("propertiesPanel.providersChanged");
  }
}

/** Registered after every other provider (lowest priority), so it sees all their groups. */
function PanelModeFilter(
  propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
  alurPanelMode: AlurPanelMode,
) {
  propertiesPanel.registerProvider(1, {
    getGroups: () => (groups: Group[]) =>
      groupsFor(
        alurPanelMode.mode,
        groups,
        groups.some((g) => g.id === "alur-condition"),
      ),
  });
}
PanelModeFilter.$inject = ["propertiesPanel", "alurPanelMode"];

/** The didi module: the mode service and the filtering provider. */
export const panelModeModule = {
  __init__: ["alurPanelModeFilter"],
  alurPanelMode: ["type", AlurPanelMode],
  alurPanelModeFilter: ["type", PanelModeFilter],
};
