/**
 * The "Alur: connector" group of a service task: the connector type (zeebe:taskDefinition) and the
 * settings that type reads from its zeebe:taskHeaders, as the runtime's connectors name them
 * (runtime/src/connectors: http, notify, document). Any other type is an external job served by a
 * job worker: its type is edited as text, so a model from Camunda Modeler keeps its job types.
 * Other headers are kept untouched.
 */

import type { BuiltInConnector, CAMUNDA_REST_TYPE } from "@alur/shared/connectors";
import {
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
} from "@bpmn-io/properties-panel";
import { h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import { type Bo, findExtension } from "./model-access";

type Translate = (text: string, replacements?: Record<string, string>) => string;
type Element = { id: string; type: string; businessObject: Bo };
type Command = { cmd: string; context: Record<string, unknown> };

/**
 * The built-in connectors the panel edits: all but Camunda's REST connector, which only imported
 * models use (its settings are ioMapping inputs, edited in the Zeebe groups).
 */
type PanelConnector = Exclude<BuiltInConnector, typeof CAMUNDA_REST_TYPE>;

/** The select's choice for "a job type of my own"; the type itself is typed in the field below. */
const NEW_EXTERNAL = "__external__";
/** What a task newly made an external job is called until the admin names its type. */
const EXTERNAL_PLACEHOLDER = "pekerjaan-eksternal";

/** A type no panel connector edits (not empty, not http/notify/document): an external job or Camunda's REST connector. */
function isExternalType(type: string): boolean {
  return type !== "" && !Object.hasOwn(CONNECTOR_HEADERS, type);
}

type HeaderSpec = { key: string; label: string; kind: "text" | "textarea" | "select"; options?: string[] };

/** The headers each connector reads, by type; typed so a new built-in connector must be added here. */
const CONNECTOR_HEADERS: Record<PanelConnector, HeaderSpec[]> = {
  http: [
    { key: "url", label: "URL", kind: "text" },
    { key: "method", label: "HTTP method", kind: "select", options: ["POST", "GET", "PUT", "PATCH", "DELETE"] },
    { key: "timeoutMs", label: "Timeout (ms)", kind: "text" },
    { key: "resultVariable", label: "Result variable", kind: "text" },
  ],
  notify: [
    { key: "roles", label: "Notify roles (comma-separated)", kind: "text" },
    { key: "title", label: "Notification title", kind: "text" },
    { key: "message", label: "Notification message ({{variable}} placeholders)", kind: "textarea" },
  ],
  document: [
    { key: "template", label: "Document template", kind: "text" },
    { key: "title", label: "Document title", kind: "text" },
    { key: "header", label: "Letterhead", kind: "text" },
    { key: "body", label: "Document text ({{variable}} placeholders)", kind: "textarea" },
    { key: "fileName", label: "File name", kind: "text" },
    { key: "resultVariable", label: "Result variable", kind: "text" },
  ],
};
const CONNECTOR_TYPES = Object.keys(CONNECTOR_HEADERS) as PanelConnector[];

interface Services {
  bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): Bo };
  commandStack: { execute(cmd: string, ctx: unknown): void };
  translate: Translate;
  debounce: unknown;
}

function useServices(): Services {
  return {
    bpmnFactory: useService("bpmnFactory"),
    commandStack: useService("commandStack"),
    translate: useService("translate"),
    debounce: useService("debounceInput"),
  };
}

/** Commands that ensure extensionElements and an extension of `type` exist; returns the extension. */
function ensureExtension(s: Services, element: Element, owner: Bo, type: string, commands: Command[]): Bo {
  const update = (moddleElement: Bo, properties: Record<string, unknown>) =>
    commands.push({ cmd: "element.updateModdleProperties", context: { element, moddleElement, properties } });
  let ext = owner.get("extensionElements") as Bo | undefined;
  if (!ext) {
    ext = s.bpmnFactory.create("bpmn:ExtensionElements", { values: [] });
    ext.$parent = owner;
    update(owner, { extensionElements: ext });
  }
  let found = findExtension(owner, type);
  if (!found) {
    found = s.bpmnFactory.create(type);
    found.$parent = ext;
    update(ext, { values: [...((ext.get("values") as Bo[] | undefined) ?? []), found] });
  }
  return found;
}

/** The value of one task header, "" when absent. */
function headerValue(bo: Bo, key: string): string {
  const values = (findExtension(bo, "zeebe:TaskHeaders")?.get("values") as Bo[] | undefined) ?? [];
  return String(values.find((v) => v.get("key") === key)?.get("value") ?? "");
}

/** The connector type of a service task, "" when unset. */
function connectorType(bo: Bo): string {
  return String(findExtension(bo, "zeebe:TaskDefinition")?.get("type") ?? "");
}

function ConnectorType(props: { element: Element; id: string }) {
  const s = useServices();
  const bo = props.element.businessObject;
  return h(SelectEntry, {
    element: props.element,
    id: props.id,
    label: s.translate("Connector"),
    getValue: () => connectorType(bo),
    setValue: (value: string) => setJobType(s, props.element, value === NEW_EXTERNAL ? EXTERNAL_PLACEHOLDER : value),
    getOptions: () => {
      const current = connectorType(bo);
      return [
        { value: "", label: "—" },
        ...CONNECTOR_TYPES.map((t) => ({ value: t, label: s.translate(`connector.${t}`) })),
        // the model's own job type stays selected (a select without it would show "—")
        ...(isExternalType(current)
          ? [{ value: current, label: s.translate("External job: {type}", { type: current }) }]
          : []),
        { value: NEW_EXTERNAL, label: s.translate("External job (job worker)…") },
      ];
    },
  });
}

function setJobType(s: Services, element: Element, type: string): void {
  const commands: Command[] = [];
  const definition = ensureExtension(s, element, element.businessObject, "zeebe:TaskDefinition", commands);
  commands.push({
    cmd: "element.updateModdleProperties",
    context: { element, moddleElement: definition, properties: { type: type || undefined } },
  });
  s.commandStack.execute("properties-panel.multi-command-executor", commands);
}

/** The job type of an external job, as its workers ask for it. */
function ExternalJobType(props: { element: Element; id: string }) {
  const s = useServices();
  return h(TextFieldEntry, {
    element: props.element,
    id: props.id,
    label: s.translate("Job type"),
    description: s.translate("Served by a job worker through the job API."),
    debounce: s.debounce,
    getValue: () => connectorType(props.element.businessObject),
    validate: (value: string) => (value?.trim() ? null : s.translate("Name the job type")),
    setValue: (value: string) => {
      if (value?.trim()) setJobType(s, props.element, value.trim());
    },
  });
}

function ConnectorRetries(props: { element: Element; id: string }) {
  const s = useServices();
  const bo = props.element.businessObject;
  return h(TextFieldEntry, {
    element: props.element,
    id: props.id,
    label: s.translate("Retries"),
    debounce: s.debounce,
    getValue: () => String(findExtension(bo, "zeebe:TaskDefinition")?.get("retries") ?? ""),
    validate: (value: string) => (value && !/^\d{1,2}$/.test(value.trim()) ? s.translate("A whole number") : null),
    setValue: (value: string) => {
      const commands: Command[] = [];
      const definition = ensureExtension(s, props.element, bo, "zeebe:TaskDefinition", commands);
      commands.push({
        cmd: "element.updateModdleProperties",
        context: {
          element: props.element,
          moddleElement: definition,
          properties: { retries: value?.trim() || undefined },
        },
      });
      s.commandStack.execute("properties-panel.multi-command-executor", commands);
    },
  });
}

function ConnectorHeader(props: { element: Element; id: string; header: HeaderSpec }) {
  const s = useServices();
  const { key, label, kind, options } = props.header;
  const bo = props.element.businessObject;
  const setValue = (raw: string) => {
    const value = raw ?? "";
    const commands: Command[] = [];
    const headers = ensureExtension(s, props.element, bo, "zeebe:TaskHeaders", commands);
    const current = (headers.get("values") as Bo[] | undefined) ?? [];
    const others = current.filter((v) => v.get("key") !== key);
    let next = others;
    if (value.trim()) {
      const header = s.bpmnFactory.create("zeebe:Header", { key, value });
      header.$parent = headers;
      // keep the header's place so a round trip leaves the file's order alone
      const index = current.findIndex((v) => v.get("key") === key);
      next = index >= 0 ? current.map((v, i) => (i === index ? header : v)) : [...current, header];
    }
    commands.push({
      cmd: "element.updateModdleProperties",
      context: { element: props.element, moddleElement: headers, properties: { values: next } },
    });
    s.commandStack.execute("properties-panel.multi-command-executor", commands);
  };
  const common = {
    element: props.element,
    id: props.id,
    label: s.translate(label),
    getValue: () => headerValue(bo, key),
    setValue,
    debounce: s.debounce,
  };
  if (kind === "select") {
    return h(SelectEntry, {
      ...common,
      getOptions: () => [{ value: "", label: "—" }, ...(options ?? []).map((o) => ({ value: o, label: o }))],
    });
  }
  if (kind === "textarea") return h(TextAreaEntry, { ...common, rows: 3 });
  return h(TextFieldEntry, common);
}

/** The entries of the connector group for a service task, following its current type. */
export function connectorEntries(element: Element): unknown[] {
  const type = connectorType(element.businessObject) as PanelConnector;
  const headers = CONNECTOR_HEADERS[type] ?? [];
  const external = isExternalType(connectorType(element.businessObject));
  return [
    { id: "alur-connector-type", component: ConnectorType, isEdited: isSelectEntryEdited },
    ...(external ? [{ id: "alur-job-type", component: ExternalJobType, isEdited: isTextFieldEntryEdited }] : []),
    { id: "alur-connector-retries", component: ConnectorRetries, isEdited: isTextFieldEntryEdited },
    ...headers.map((header) => ({
      id: `alur-header-${type}-${header.key}`,
      component: ConnectorHeader,
      isEdited: header.kind === "textarea" ? isTextAreaEntryEdited : isTextFieldEntryEdited,
      header,
    })),
  ];
}
