/**
 * Alur's own groups in the bpmn-js properties panel: per user task the roles, SLA in working time,
 * documents to verify and form; per process the service standard (14 components). Every change is
 * a command, so undo/redo work as for the built-in entries.
 */

import { DurationUnit, PROSE_COMPONENTS, type ProseComponent, WorkingTimeUnit } from "@alur/shared/schemas";
import {
  CheckboxEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
} from "@bpmn-io/properties-panel";
import { h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import { readTaskForm } from "../forms/embedded-form";
import { hasConditionEntry } from "./condition-check";
import { conditionEntries } from "./condition-entries";
import { connectorEntries } from "./connector-entries";
import { type AlurFormEditor, alurFormEditorModule } from "./form-editor-launcher";
import { type Bo, commaList, findExtension, readTaskSettings } from "./model-access";
import { formatLines, LINE_FORMATS, type LineList, parseLines } from "./standard-lines";

type Translate = (text: string, replacements?: Record<string, string>) => string;
type Element = { id: string; type: string; businessObject: Bo };
type Command = { cmd: string; context: Record<string, unknown> };
interface Services {
  bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): Bo };
  commandStack: { execute(cmd: string, ctx: unknown): void };
}

/** The process a selected element stands for (the canvas root or a participant), if any. */
function processOf(element: Element): Bo | undefined {
  const bo = element.businessObject;
  if (bo.$type === "bpmn:Process") return bo;
  if (bo.$type === "bpmn:Participant") return bo.get("processRef") as Bo | undefined;
  return undefined;
}

/**
 * Commands that make sure `path` of extension elements exists under `owner` (e.g. alur:ServiceStandard
 * then its alur:CompletionTime child) and set `properties` on the last one.
 */
function updateNested(
  services: Services,
  element: Element,
  owner: Bo,
  path: { type: string; prop?: string }[],
  properties: Record<string, unknown>,
): void {
  const commands: Command[] = [];
  const update = (moddleElement: Bo, props: Record<string, unknown>) =>
    commands.push({ cmd: "element.updateModdleProperties", context: { element, moddleElement, properties: props } });
  let parent = owner;
  for (const [index, step] of path.entries()) {
    let next: Bo | undefined;
    if (index === 0) {
      let ext = owner.get("extensionElements") as Bo | undefined;
      if (!ext) {
        ext = services.bpmnFactory.create("bpmn:ExtensionElements", { values: [] });
        ext.$parent = owner;
        update(owner, { extensionElements: ext });
      }
      next = findExtension(owner, step.type);
      if (!next) {
        next = services.bpmnFactory.create(step.type);
        next.$parent = ext;
        update(ext, { values: [...((ext.get("values") as Bo[]) ?? []), next] });
      }
    } else {
      const prop = step.prop ?? "";
      next = parent.get(prop) as Bo | undefined;
      if (!next) {
        next = services.bpmnFactory.create(step.type);
        next.$parent = parent;
        update(parent, { [prop]: next });
      }
    }
    parent = next;
  }
  update(parent, properties);
  services.commandStack.execute("properties-panel.multi-command-executor", commands);
}

/** The element at the end of a nested path; undefined when any step is absent. */
function resolveNested(owner: Bo | undefined, path: { type: string; prop?: string }[]): Bo | undefined {
  let current = owner;
  for (const [index, step] of path.entries()) {
    current = index === 0 ? findExtension(current, step.type) : (current?.get(step.prop ?? "") as Bo | undefined);
    if (!current) return undefined;
  }
  return current;
}

/** Reads a (possibly nested) property; undefined when any step is absent. */
function readNested(owner: Bo | undefined, path: { type: string; prop?: string }[], prop: string): unknown {
  return resolveNested(owner, path)?.get(prop);
}

function useServices(): Services & { translate: Translate; debounce: unknown } {
  return {
    bpmnFactory: useService("bpmnFactory"),
    commandStack: useService("commandStack"),
    translate: useService("translate"),
    debounce: useService("debounceInput"),
  };
}

type FieldSpec = {
  id: string;
  label: string;
  owner: (element: Element) => Bo | undefined;
  path: { type: string; prop?: string }[];
  prop: string;
  kind: "text" | "number" | "textarea" | "select" | "comma";
  options?: readonly string[];
  description?: string;
  /** Shown instead of the raw property (e.g. the id of an embedded form). */
  read?: (owner: Bo) => string;
  /** True when writing `value` would change nothing the model means. */
  unchanged?: (owner: Bo, value: string) => boolean;
};

/** A field entry: reads and writes its spec's nested path. */
function AlurField(props: { element: Element; id: string; spec: FieldSpec }) {
  const { spec } = props;
  const { translate, debounce, ...services } = useServices();
  const owner = spec.owner(props.element);
  const getValue = () => {
    if (spec.read && owner) return spec.read(owner);
    const value = readNested(owner, spec.path, spec.prop);
    if (value === undefined || value === null) return "";
    return String(value);
  };
  const setValue = (raw: string) => {
    if (!owner || spec.unchanged?.(owner, raw)) return;
    let value: unknown = raw === "" ? undefined : raw;
    if (spec.kind === "number" && value !== undefined) {
      const n = Number(String(value).replace(",", "."));
      value = Number.isFinite(n) ? n : undefined;
    }
    if (spec.kind === "comma" && value !== undefined) value = commaList(value).join(",");
    updateNested(services, props.element, owner, spec.path, { [spec.prop]: value });
  };
  const common = {
    element: props.element,
    id: props.id,
    label: translate(spec.label),
    description: spec.description ? translate(spec.description) : undefined,
    getValue,
    setValue,
    debounce,
  };
  if (spec.kind === "select") {
    return h(SelectEntry, {
      ...common,
      getOptions: () => [
        { value: "", label: "—" },
        ...(spec.options ?? []).map((o) => ({ value: o, label: translate(`unit.${o}`) })),
      ],
    });
  }
  if (spec.kind === "textarea") return h(TextAreaEntry, { ...common, rows: 3 });
  return h(TextFieldEntry, common);
}

type LinesSpec = { label: string; list: LineList; path: { type: string; prop?: string }[] };

/** A list component edited as lines ("kind | number | year | title"). */
function AlurLines(props: { element: Element; id: string; lines: LinesSpec }) {
  const { label, list, path } = props.lines;
  const fields = LINE_FORMATS[list];
  const childType = {
    legalBases: "alur:LegalBasis",
    requirements: "alur:Requirement",
    procedureSteps: "alur:ProcedureStep",
    products: "alur:Product",
    channels: "alur:Channel",
  }[list];
  const { translate, debounce, ...services } = useServices();
  const owner = processOf(props.element);
  const getValue = () => {
    const items = (readNested(owner, path, list) as Bo[] | undefined) ?? [];
    return formatLines(
      items.map((item) => Object.fromEntries(fields.map((f) => [f.name, item.get(f.name)]))),
      fields,
    );
  };
  const setValue = (text: string) => {
    if (!owner) return;
    const items = parseLines(text ?? "", fields).map((attrs, index) => {
      const extra = list === "procedureSteps" ? { order: index + 1 } : {};
      return services.bpmnFactory.create(childType, { ...attrs, ...extra });
    });
    updateNested(services, props.element, owner, path, { [list]: items });
    const parent = resolveNested(owner, path);
    for (const item of items) item.$parent = parent;
  };
  return h(TextAreaEntry, {
    element: props.element,
    id: props.id,
    label: translate(label),
    description: translate(`lines.${list}`),
    getValue,
    setValue,
    debounce,
    rows: 4,
  });
}

const entry = (id: string, component: unknown, isEdited: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  component,
  isEdited,
  ...extra,
});
const fieldEntry = (s: FieldSpec) =>
  entry(s.id, AlurField, s.kind === "select" ? isSelectEntryEdited : isTextFieldEntryEdited, { spec: s });
const linesEntry = (id: string, lines: LinesSpec) => entry(id, AlurLines, isTextAreaEntryEdited, { lines });

/** "Waiting for the applicant stops the clock" (alur:task pausesClock), as one command. */
function AlurPausesClock(props: { element: Element; id: string }) {
  const { translate, ...services } = useServices();
  const bo = props.element.businessObject;
  return h(CheckboxEntry, {
    element: props.element,
    id: props.id,
    label: translate("Stops the service clock (waiting for the applicant)"),
    getValue: () => Boolean(findExtension(bo, "alur:Task")?.get("pausesClock")),
    setValue: (value: boolean) =>
      updateNested(services, props.element, bo, [{ type: "alur:Task" }], { pausesClock: value || undefined }),
  });
}

/** "Create form" / "Edit form": opens the form-js editor on the task's form. */
function AlurFormButton(props: { element: Element; id: string }) {
  const translate = useService("translate") as Translate;
  const launcher = useService("alurFormEditor") as AlurFormEditor;
  const form = readTaskForm(props.element.businessObject);
  return h("div", { class: "bio-properties-panel-entry alur-form-entry", "data-entry-id": props.id }, [
    h(
      "button",
      { type: "button", class: "btn btn-small", onClick: () => launcher.open(props.element) },
      translate(form.kind === "none" ? "Create form" : "Edit form"),
    ),
    form.kind === "embedded" &&
      h("div", { class: "bio-properties-panel-description" }, translate("The form is stored in the model")),
  ]);
}

function taskEntries(element: Element): unknown[] {
  const task = { type: "alur:Task" };
  const owner = (e: Element) => e.businessObject;
  const specs: FieldSpec[] = [
    {
      id: "alur-roles",
      label: "Roles (comma-separated)",
      owner,
      path: [{ type: "zeebe:AssignmentDefinition" }],
      prop: "candidateGroups",
      kind: "comma",
      description: "e.g. front-office, kepala-bidang",
    },
    { id: "alur-sla-value", label: "SLA", owner, path: [task], prop: "slaValue", kind: "number" },
    {
      id: "alur-sla-unit",
      label: "SLA unit",
      owner,
      path: [task],
      prop: "slaUnit",
      kind: "select",
      options: WorkingTimeUnit.options,
    },
    {
      id: "alur-documents",
      label: "Documents to verify",
      owner,
      path: [task],
      prop: "documents",
      kind: "comma",
      description: "Requirement ids, comma-separated",
    },
    { id: "alur-escalate", label: "Escalate to", owner, path: [task], prop: "escalateTo", kind: "comma" },
    {
      id: "alur-form",
      label: "Form",
      owner,
      path: [{ type: "zeebe:FormDefinition" }],
      prop: "formId",
      kind: "text",
      // an embedded form shows its id; typing another id links that form instead
      read: (bo) => readTaskSettings(bo).formId,
      unchanged: (bo, value) => {
        const form = readTaskForm(bo);
        return form.kind === "embedded" && value === form.id;
      },
    },
  ];
  const entries = specs.map(fieldEntry);
  entries.splice(3, 0, entry("alur-pauses-clock", AlurPausesClock, isCheckboxEntryEdited));
  // embedded forms (zeebe:userTaskForm) exist for user tasks only
  if (element.businessObject.$type === "bpmn:UserTask")
    entries.push(entry("alur-form-editor", AlurFormButton, undefined));
  return entries;
}

function standardEntries(): unknown[] {
  const std = { type: "alur:ServiceStandard" };
  const owner = processOf;
  const ct = [std, { type: "alur:CompletionTime", prop: "completionTime" }];
  const fee = [std, { type: "alur:Fee", prop: "fee" }];
  const complaints = [std, { type: "alur:Complaints", prop: "complaints" }];
  const fields: FieldSpec[] = [
    { id: "std-code", label: "Service code", owner, path: [std], prop: "code", kind: "text" },
    { id: "std-name", label: "Service name", owner, path: [std], prop: "name", kind: "text" },
    { id: "std-office", label: "Office", owner, path: [std], prop: "office", kind: "text" },
    { id: "std-ct-value", label: "Completion time", owner, path: ct, prop: "value", kind: "number" },
    { id: "std-ct-max", label: "Completion time, at most", owner, path: ct, prop: "maxValue", kind: "number" },
    {
      id: "std-ct-unit",
      label: "Completion time unit",
      owner,
      path: ct,
      prop: "unit",
      kind: "select",
      options: DurationUnit.options,
    },
    { id: "std-ct-start", label: "Office hours start (HH:MM)", owner, path: ct, prop: "officeStart", kind: "text" },
    { id: "std-ct-end", label: "Office hours end (HH:MM)", owner, path: ct, prop: "officeEnd", kind: "text" },
    { id: "std-fee", label: "Fee (Rp)", owner, path: fee, prop: "amount", kind: "number" },
    { id: "std-fee-text", label: "Fee note", owner, path: fee, prop: "text", kind: "text" },
    {
      id: "std-complaint-value",
      label: "Complaint response time",
      owner,
      path: complaints,
      prop: "responseValue",
      kind: "number",
    },
    {
      id: "std-complaint-unit",
      label: "Complaint response unit",
      owner,
      path: complaints,
      prop: "responseUnit",
      kind: "select",
      options: DurationUnit.options,
    },
    { id: "std-complaint-text", label: "Complaint handling", owner, path: complaints, prop: "text", kind: "textarea" },
  ];
  // the list components are rows in the standard editor; the typed procedure stays an archive here
  const entries: unknown[] = [entry("std-editor", AlurStandardButton, undefined), ...fields.map(fieldEntry)];
  entries.splice(4, 0, linesEntry("std-procedure", { label: "Procedure", list: "procedureSteps", path: [std] }));
  for (const key of PROSE_COMPONENTS)
    entries.push(entry(`std-${key}`, AlurProse, isTextAreaEntryEdited, { componentKey: key }));
  return entries;
}

/** Opens the structured standard editor (designer-page listens for the event). */
function AlurStandardButton(props: { element: Element; id: string }) {
  const translate = useService("translate") as Translate;
  const eventBus = useService("eventBus") as { fire(event: string): void };
  return h("div", { class: "bio-properties-panel-entry alur-form-entry", "data-entry-id": props.id }, [
    h(
      "button",
      { type: "button", class: "btn btn-small", onClick: () => eventBus.fire("alur.standard.edit") },
      translate("Edit the service standard"),
    ),
    h(
      "div",
      { class: "bio-properties-panel-description" },
      translate("Legal basis, requirements, completion time, fee and the other components as a form"),
    ),
  ]);
}

/** A prose component (alur:component key="facilities"): one body text per key. */
function AlurProse(props: { element: Element; id: string; componentKey: ProseComponent }) {
  const key = props.componentKey;
  const { translate, debounce, ...services } = useServices();
  const owner = processOf(props.element);
  const components = () =>
    (readNested(owner, [{ type: "alur:ServiceStandard" }], "components") as Bo[] | undefined) ?? [];
  return h(TextAreaEntry, {
    element: props.element,
    id: props.id,
    label: translate(`component.${key}`),
    rows: 2,
    debounce,
    getValue: () =>
      String(
        components()
          .find((c) => c.get("key") === key)
          ?.get("text") ?? "",
      ),
    setValue: (text: string) => {
      if (!owner) return;
      const others = components().filter((c) => c.get("key") !== key);
      const next = text?.trim() ? [...others, services.bpmnFactory.create("alur:Component", { key, text })] : others;
      updateNested(services, props.element, owner, [{ type: "alur:ServiceStandard" }], { components: next });
      const parent = findExtension(owner, "alur:ServiceStandard");
      for (const c of next) c.$parent = parent;
    },
  });
}

const USER_TASK_LIKE = new Set(["bpmn:UserTask", "bpmn:Task", "bpmn:ManualTask"]);

function AlurPropertiesProvider(
  this: unknown,
  propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
  translate: Translate,
) {
  propertiesPanel.registerProvider(400, {
    getGroups: (element: Element) => (groups: { id: string }[]) => {
      const type = element.businessObject.$type;
      if (USER_TASK_LIKE.has(type) || type === "bpmn:ServiceTask") {
        groups.splice(1, 0, {
          id: "alur-task",
          label: translate("Alur: task"),
          entries: taskEntries(element),
        } as never);
      }
      if (type === "bpmn:ServiceTask" || type === "bpmn:SendTask") {
        groups.splice(2, 0, {
          id: "alur-connector",
          label: translate("Alur: connector"),
          entries: connectorEntries(element),
        } as never);
      }
      if (hasConditionEntry(element.businessObject)) {
        groups.splice(1, 0, {
          id: "alur-condition",
          label: translate("Alur: condition"),
          entries: conditionEntries(),
        } as never);
      }
      if (processOf(element)) {
        groups.splice(1, 0, {
          id: "alur-standard",
          label: translate("Alur: service standard"),
          entries: standardEntries(),
        } as never);
      }
      return groups;
    },
  });
}
AlurPropertiesProvider.$inject = ["propertiesPanel", "translate"];

/** The didi module that adds the groups. */
export const alurPropertiesModule = {
  __depends__: [alurFormEditorModule],
  __init__: ["alurPropertiesProvider"],
  alurPropertiesProvider: ["type", AlurPropertiesProvider],
};
