/**
 * Reading and building the Alur/Zeebe extension elements of a BPMN business object. Pure moddle
 * access, shared by the properties panel (through commands) and the step editor (directly).
 * `alur:task` is read by the compiler's reader, so the panels show what will run.
 */
import { alurTaskOf, type ModdleElement } from "@alur/shared/compiler";

/** The slice of a moddle element this module relies on. */
export interface Bo {
  $type: string;
  $parent?: Bo;
  $instanceOf?(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ModdleLike {
  create(type: string, attrs?: Record<string, unknown>): Bo;
}

/** The extension values of a business object. */
export function extensionValues(bo: Bo | undefined): Bo[] {
  const ext = bo?.get("extensionElements") as Bo | undefined;
  return ((ext?.get("values") as Bo[] | undefined) ?? []).filter(Boolean);
}

/** The first extension element of a type ("alur:Task", "zeebe:AssignmentDefinition"). */
export function findExtension(bo: Bo | undefined, type: string): Bo | undefined {
  return extensionValues(bo).find((v) => v.$type === type);
}

/** Splits a comma list attribute into trimmed, non-empty items. */
export function commaList(value: unknown): string[] {
  return typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

export interface TaskSettings {
  roles: string[];
  formId: string;
  documents: string[];
  slaValue: number | null;
  slaUnit: string;
  escalateTo: string[];
  /** Waiting here (e.g. on the applicant) stops the service-standard clock. */
  pausesClock: boolean;
}

/** Everything the step editor and the Alur group show about a task. */
export function readTaskSettings(bo: Bo): TaskSettings {
  const task = alurTaskOf(bo as ModdleElement);
  const assignment = findExtension(bo, "zeebe:AssignmentDefinition");
  const form = findExtension(bo, "zeebe:FormDefinition");
  return {
    roles: commaList(assignment?.get("candidateGroups")),
    // an embedded form (formKey "camunda-forms:bpmn:<id>") is shown by its id, as the compiler names it
    formId: String(form?.get("formId") || embeddedFormId(form) || ""),
    documents: task.documents,
    slaValue: task.slaValue ?? null,
    slaUnit: task.slaUnit,
    escalateTo: task.escalateTo,
    pausesClock: task.pausesClock,
  };
}

/** Returns the extension element of `type`, creating it (and extensionElements) when absent. */
export function ensureExtension(moddle: ModdleLike, bo: Bo, type: string): Bo {
  let ext = bo.get("extensionElements") as Bo | undefined;
  if (!ext) {
    ext = moddle.create("bpmn:ExtensionElements", { values: [] });
    ext.$parent = bo;
    bo.set("extensionElements", ext);
  }
  const values = ext.get("values") as Bo[];
  let found = values.find((v) => v.$type === type);
  if (!found) {
    found = moddle.create(type);
    found.$parent = ext;
    values.push(found);
  }
  return found;
}

/** Writes task settings straight into the moddle tree (the step editor; bpmn-js uses commands). */
export function writeTaskSettings(moddle: ModdleLike, bo: Bo, settings: Partial<TaskSettings>): void {
  if (settings.roles !== undefined) {
    ensureExtension(moddle, bo, "zeebe:AssignmentDefinition").set("candidateGroups", settings.roles.join(","));
  }
  const current = findExtension(bo, "zeebe:FormDefinition");
  // writing back the embedded form's own id must keep the formKey that points at its body
  if (settings.formId !== undefined && !(settings.formId && settings.formId === embeddedFormId(current))) {
    if (settings.formId) ensureExtension(moddle, bo, "zeebe:FormDefinition").set("formId", settings.formId);
    else removeExtension(bo, "zeebe:FormDefinition");
  }
  if (
    settings.documents !== undefined ||
    settings.slaValue !== undefined ||
    settings.slaUnit !== undefined ||
    settings.pausesClock !== undefined
  ) {
    const task = ensureExtension(moddle, bo, "alur:Task");
    if (settings.pausesClock !== undefined) task.set("pausesClock", settings.pausesClock || undefined);
    if (settings.documents !== undefined) task.set("documents", settings.documents.join(",") || undefined);
    if (settings.slaValue !== undefined) task.set("slaValue", settings.slaValue ?? undefined);
    if (settings.slaUnit !== undefined) task.set("slaUnit", settings.slaUnit || undefined);
  }
}

/** The id of the embedded form a zeebe:formDefinition's formKey points at, if any. */
function embeddedFormId(definition: Bo | undefined): string | undefined {
  const key = definition?.get("formKey");
  return typeof key === "string" && key.startsWith("camunda-forms:bpmn:") ? key.slice(19) || undefined : undefined;
}

/** Drops an extension element of a type, if present. */
function removeExtension(bo: Bo, type: string): void {
  const ext = bo.get("extensionElements") as Bo | undefined;
  const values = ext?.get("values") as Bo[] | undefined;
  if (!values) return;
  const index = values.findIndex((v) => v.$type === type);
  if (index >= 0) values.splice(index, 1);
}
