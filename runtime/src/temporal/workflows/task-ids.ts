/**
 * Store task ids are derived from engine task ids, so a run needs no table between the two.
 * The engine's id (`<caseId>-t<n>`, from the state's counter) is unique within one workflow; a
 * called case's tasks live under the top case's id too, so its store prefix (the path of called
 * cases, `/` replaced by `:` to stay one URL segment) makes them unique across the case tree.
 *
 * Runs recorded before (no `derived-task-ids` marker) drew uuid4() store ids: those are kept in
 * `legacy` (engine id → store id, carried across continue-as-new) and win over the derivation.
 */
export const DERIVED_TASK_IDS_PATCH = "derived-task-ids";

export class TaskIds {
  private readonly head: string;
  /** Tasks the store refused to open: no row to close (the engine forgets them on `taskRefused`). */
  private readonly refused = new Set<string>();

  constructor(
    private readonly caseId: string,
    prefix: string,
    /** Engine task id → uuid store id, for tasks opened before derived ids. */
    readonly legacy: Map<string, string>,
  ) {
    this.head = prefix.replaceAll("/", ":");
  }

  /** The store id of an engine task: a uuid it was opened with, else the derived one. */
  storeId(engineTaskId: string): string {
    return this.legacy.get(engineTaskId) ?? `${this.head}${engineTaskId}`;
  }

  /** The store refused to open the task: nothing to close, no completion to take. */
  refuse(engineTaskId: string): void {
    this.refused.add(engineTaskId);
    this.legacy.delete(engineTaskId);
  }

  /** Whether the store holds a row for the task (false once it refused to open it). */
  stored(engineTaskId: string): boolean {
    return !this.refused.has(engineTaskId);
  }

  /** The engine task behind a store id, or undefined when no task of this run can have it. */
  engineId(storeTaskId: string): string | undefined {
    for (const [engineId, storeId] of this.legacy) if (storeId === storeTaskId) return engineId;
    if (!storeTaskId.startsWith(this.head)) return undefined;
    const engineId = storeTaskId.slice(this.head.length);
    const counter = engineId.startsWith(`${this.caseId}-t`) ? engineId.slice(this.caseId.length + 2) : "";
    return /^\d+$/.test(counter) && !this.refused.has(engineId) ? engineId : undefined;
  }
}
