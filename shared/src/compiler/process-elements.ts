/** Walks the flow elements of a process, every subprocess level included. */
import { children, isA, type ModdleElement, str } from "./moddle-element";

export interface ScopedElement {
  element: ModdleElement;
  /** Id of the enclosing subprocess; null at process level. */
  scope: string | null;
}

/** Subprocesses nested deeper than this are refused (real models nest a few levels). */
export const MAX_NESTING = 50;

/**
 * All flow elements of a process or subprocess, depth first, each with its scope. Subprocesses
 * nested deeper than MAX_NESTING are not entered; `onTooDeep` hears of each.
 */
export function flowElementsOf(
  container: ModdleElement,
  scope: string | null = null,
  onTooDeep?: (subProcess: ModdleElement) => void,
): ScopedElement[] {
  const result: ScopedElement[] = [];
  const walk = (parent: ModdleElement, parentScope: string | null, depth: number) => {
    if (depth > MAX_NESTING) {
      onTooDeep?.(parent);
      return;
    }
    for (const element of children(parent, "flowElements")) {
      result.push({ element, scope: parentScope });
      if (isA(element, "bpmn:SubProcess")) walk(element, element.id ?? null, depth + 1);
    }
  };
  walk(container, scope, 0);
  return result;
}

/** The processes of a definitions root. */
export function processesOf(definitions: ModdleElement): ModdleElement[] {
  return children(definitions, "rootElements").filter((e) => e.$type === "bpmn:Process");
}

/**
 * The processes a deploy without a chosen process deploys, as Zeebe does with a resource: every
 * process marked executable, in file order.
 */
export function executableProcesses(definitions: ModdleElement): ModdleElement[] {
  return processesOf(definitions).filter((p) => p.isExecutable === true && p.id);
}

/**
 * Element id → id of the process holding it (the process itself, its flow elements at every
 * level, its lanes, and the participant whose pool shows it), so findings name their process.
 */
export function processOfElements(definitions: ModdleElement): Map<string, string> {
  const owner = new Map<string, string>();
  for (const process of processesOf(definitions)) {
    if (!process.id) continue;
    owner.set(process.id, process.id);
    for (const { element } of flowElementsOf(process)) if (element.id) owner.set(element.id, process.id);
    for (const laneSet of children(process, "laneSets"))
      for (const lane of children(laneSet, "lanes")) if (lane.id) owner.set(lane.id, process.id);
  }
  for (const collaboration of children(definitions, "rootElements")) {
    if (collaboration.$type !== "bpmn:Collaboration") continue;
    for (const participant of children(collaboration, "participants")) {
      const processId = refId(participant.processRef);
      if (participant.id && processId && owner.has(processId)) owner.set(participant.id, processId);
    }
  }
  return owner;
}

/** The process to compile: by id, else the first executable one, else the first with content. */
export function selectProcess(definitions: ModdleElement, processId?: string): ModdleElement | undefined {
  const processes = processesOf(definitions);
  if (processId) return processes.find((p) => p.id === processId);
  return (
    processes.find((p) => p.isExecutable === true) ??
    processes.find((p) => children(p, "flowElements").length > 0) ??
    processes[0]
  );
}

/** The id of a referenced element (moddle resolves references to objects). */
export function refId(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return str(value as ModdleElement | undefined, "id");
}
