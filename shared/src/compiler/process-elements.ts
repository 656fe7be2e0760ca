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
