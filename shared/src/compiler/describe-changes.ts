/**
 * What changed between two models, in words a civil servant reads: per element (named by its
 * name, the id only as a detail) the properties that changed ("SLA 10 → 7 hari kerja"), and the
 * elements and flows added or removed. Read straight from the moddle trees, so drafts with
 * errors compare as well as published versions.
 */
import type { TimerDefinition } from "../plan";
import { roleIds } from "../schemas/roles";
import { elementWords, kindWords, type Words } from "./element-words";
import { compileEventDefinition } from "./event-definitions";
import { stripFeel } from "./feel-values";
import {
  body,
  bool,
  child,
  children,
  commaList,
  extension,
  isA,
  localType,
  type ModdleElement,
  num,
  str,
} from "./moddle-element";
import { parseBpmn } from "./parse-bpmn";
import type { Problem } from "./problem";
import { flowElementsOf, refId, selectProcess } from "./process-elements";
import { durationWords } from "./standard-words";

export type { Words } from "./element-words";

export interface ElementChange {
  elementId: string;
  change: "added" | "removed" | "changed";
  /** `langkah "Kunjungan rumah"`, `alur "Ya" dari "Dokumen lengkap?" ke "Kunjungan rumah"`. */
  element: Words;
  /** One phrase per changed property (for an added element: what it was added with). */
  details: Words[];
}

export interface ModelChanges {
  /** Changes of the process itself: its name, id, service standard. */
  process: Words[];
  elements: ElementChange[];
  /** Why the models could not be compared (unreadable XML); empty when they were. */
  problems: Problem[];
}

export interface DescribeOptions {
  /** The directory's roles, so roles read as names ("Kepala Bidang"), not ids. */
  roles?: readonly { id: string; nameId: string; nameEn: string }[];
  /** form-js schemas by form id of each side, for the fields of forms referenced by id. */
  oldForms?: Record<string, unknown>;
  newForms?: Record<string, unknown>;
}

/** Describes the changes from `oldXml` to `newXml`; never throws. */
export async function describeModelChanges(
  oldXml: string,
  newXml: string,
  options: DescribeOptions = {},
): Promise<ModelChanges> {
  const [a, b] = await Promise.all([parseBpmn(oldXml), parseBpmn(newXml)]);
  const problems = [...a.problems, ...b.problems].filter((p) => p.severity === "error");
  if (!a.definitions || !b.definitions) return { process: [], elements: [], problems };
  const before = selectProcess(a.definitions);
  const after = selectProcess(b.definitions, before?.id) ?? selectProcess(b.definitions);
  if (!before || !after) return { process: [], elements: [], problems };
  return { ...describeProcessChanges(before, after, options), problems: [] };
}

/** The same, on two parsed processes. */
export function describeProcessChanges(
  before: ModdleElement,
  after: ModdleElement,
  options: DescribeOptions = {},
): Omit<ModelChanges, "problems"> {
  const ctx: Context = {
    role: roleNamer(options.roles),
    oldSide: side(before, options.oldForms),
    newSide: side(after, options.newForms),
  };
  const elements: ElementChange[] = [];
  for (const [id, element] of ctx.oldSide.elements) {
    const now = ctx.newSide.elements.get(id);
    if (!now) {
      elements.push({ elementId: id, change: "removed", element: naming(element, ctx.oldSide), details: [] });
      continue;
    }
    const details = compareFacts(facts(element, ctx.oldSide), facts(now, ctx.newSide), ctx);
    if (details.length > 0)
      elements.push({ elementId: id, change: "changed", element: naming(now, ctx.newSide), details });
  }
  for (const [id, element] of ctx.newSide.elements) {
    if (ctx.oldSide.elements.has(id)) continue;
    elements.push({
      elementId: id,
      change: "added",
      element: naming(element, ctx.newSide),
      details: summary(facts(element, ctx.newSide), ctx),
    });
  }
  return { process: processChanges(before, after, ctx), elements };
}

// ---------------------------------------------------------------------------------------------

interface Side {
  elements: Map<string, ModdleElement>;
  /** Requirement names by id (alur:requirement), for documents to check. */
  requirements: Map<string, string>;
  forms: Map<string, unknown>;
}

interface Context {
  role: (id: string) => Words;
  oldSide: Side;
  newSide: Side;
}

function side(process: ModdleElement, forms: Record<string, unknown> | undefined): Side {
  const elements = new Map<string, ModdleElement>();
  for (const { element } of flowElementsOf(process)) if (element.id) elements.set(element.id, element);
  const requirements = new Map<string, string>();
  for (const r of children(extension(process, "alur:ServiceStandard"), "requirements")) {
    const id = str(r, "id");
    if (id) requirements.set(id, str(r, "name") ?? id);
  }
  const all = new Map<string, unknown>(Object.entries(forms ?? {}));
  for (const form of children(child(process, "extensionElements"), "values")) {
    if (form.$type !== "zeebe:UserTaskForm") continue;
    const id = str(form, "id");
    const text = str(form, "body");
    if (!id || !text || all.has(id)) continue;
    try {
      all.set(id, JSON.parse(text));
    } catch {
      // an unreadable embedded form has no fields to compare; the validator reports it
    }
  }
  return { elements, requirements, forms: all };
}

function roleNamer(roles: DescribeOptions["roles"]): (id: string) => Words {
  const byId = new Map((roles ?? []).map((r) => [r.id.toLowerCase(), r]));
  return (id) => {
    const role = byId.get(id.toLowerCase());
    return role ? { id: role.nameId, en: role.nameEn } : { id, en: id };
  };
}

/** An element in words; a flow by its ends, since flows rarely have names. */
function naming(element: ModdleElement, at: Side): Words {
  if (element.$type !== "bpmn:SequenceFlow") return withId(elementWords(element), element);
  const end = (ref: unknown): Words => {
    const id = refId(ref);
    const target = id ? at.elements.get(id) : undefined;
    if (!target) return { id: `"${id ?? "?"}"`, en: `"${id ?? "?"}"` };
    const name = typeof target.name === "string" ? target.name.replace(/\s+/g, " ").trim() : "";
    if (name) return { id: `"${name}"`, en: `"${name}"` };
    const kind = kindWords(target);
    return { id: `${kind.id} (${id})`, en: `${kind.en} (${id})` };
  };
  const from = end(element.sourceRef);
  const to = end(element.targetRef);
  const name = typeof element.name === "string" ? element.name.trim() : "";
  const label = name ? ` "${name}"` : "";
  return withId(
    { id: `alur${label} dari ${from.id} ke ${to.id}`, en: `flow${label} from ${from.en} to ${to.en}` },
    element,
  );
}

/** Named elements carry their id as a detail, so two alike names stay apart. */
function withId(words: Words, element: ModdleElement): Words {
  if (!element.id || words.id.includes(`(${element.id})`)) return words;
  return { id: `${words.id} [${element.id}]`, en: `${words.en} [${element.id}]` };
}

// ---------------------------------------------------------------------------------------------

/** What the comparison looks at, per element: every property a procedure's meaning rests on. */
interface Facts {
  type: string;
  name?: string;
  roles: string[];
  rolesExpression?: string;
  assignee?: string;
  candidateUsers?: string;
  sla?: { value: number; unit: string };
  documents: string[];
  escalateTo: string[];
  pausesClock: boolean;
  formId?: string;
  formFields?: Map<string, string>;
  dueDate?: string;
  followUpDate?: string;
  condition?: string;
  defaultFlow?: string;
  event?: Words;
  /** The event waits for a time (a reminder or deadline when on a step). */
  timer?: boolean;
  cancelActivity?: boolean;
  attachedTo?: string;
  inputs: string[];
  outputs: string[];
  connector?: string;
  headers: Map<string, string>;
  source?: string;
  target?: string;
  script?: string;
  calledProcess?: string;
  multiInstance?: string;
}

function facts(element: ModdleElement, at: Side): Facts {
  const assignment = extension(element, "zeebe:AssignmentDefinition");
  const task = extension(element, "alur:Task");
  const groups = str(assignment, "candidateGroups");
  const schedule = extension(element, "zeebe:TaskSchedule");
  const slaValue = num(task, "slaValue");
  const io = extension(element, "zeebe:IoMapping");
  const mapping = (key: string) =>
    children(io, key).map((p) => `${str(p, "target") ?? "?"} ← ${stripFeel(str(p, "source") ?? "")}`);
  const definition = extension(element, "zeebe:TaskDefinition");
  const headers = new Map<string, string>();
  for (const h of children(extension(element, "zeebe:TaskHeaders"), "values")) {
    const key = str(h, "key");
    if (key) headers.set(key, str(h, "value") ?? "");
  }
  const formId = formIdOf(element);
  const condition = body(child(element, "conditionExpression"));
  const loop = child(element, "loopCharacteristics");
  const called = extension(element, "zeebe:CalledElement");
  const script = extension(element, "zeebe:Script");
  const result: Facts = {
    type: element.$type,
    roles: groups?.trim().startsWith("=") ? [] : roleIds(groups),
    documents: commaList(str(task, "documents")),
    escalateTo: roleIds(str(task, "escalateTo")),
    pausesClock: bool(task, "pausesClock") ?? false,
    inputs: mapping("inputParameters"),
    outputs: mapping("outputParameters"),
    headers,
  };
  const set = <K extends keyof Facts>(key: K, value: Facts[K] | undefined) => {
    if (value !== undefined && value !== "") result[key] = value;
  };
  set("name", typeof element.name === "string" ? element.name.replace(/\s+/g, " ").trim() : undefined);
  if (groups?.trim().startsWith("=")) set("rolesExpression", stripFeel(groups));
  set("assignee", str(assignment, "assignee")?.trim());
  set("candidateUsers", str(assignment, "candidateUsers")?.trim());
  if (slaValue !== undefined) set("sla", { value: slaValue, unit: str(task, "slaUnit") ?? "workingDays" });
  set("formId", formId);
  if (formId) set("formFields", formFields(at.forms.get(formId)));
  set("dueDate", str(schedule, "dueDate")?.trim());
  set("followUpDate", str(schedule, "followUpDate")?.trim());
  set("condition", condition ? stripFeel(condition) : undefined);
  set("defaultFlow", refId(element.default));
  if (isA(element, "bpmn:Event")) {
    set("event", eventWords(element));
    if (children(element, "eventDefinitions")[0]?.$type === "bpmn:TimerEventDefinition") set("timer", true);
  }
  if (element.$type === "bpmn:BoundaryEvent") {
    set("cancelActivity", element.cancelActivity !== false);
    set("attachedTo", refId(element.attachedToRef));
  }
  set("connector", str(definition, "type")?.trim());
  if (element.$type === "bpmn:SequenceFlow") {
    set("source", refId(element.sourceRef));
    set("target", refId(element.targetRef));
  }
  const scriptText = str(script, "expression");
  if (scriptText) set("script", `${str(script, "resultVariable") ?? "?"} = ${stripFeel(scriptText)}`);
  set("calledProcess", str(called, "processId") ?? str(element, "calledElement"));
  if (loop?.$type === "bpmn:MultiInstanceLoopCharacteristics") {
    const zeebe = extension(loop, "zeebe:LoopCharacteristics");
    set(
      "multiInstance",
      `${loop.isSequential === true ? "seq" : "par"} ${stripFeel(str(zeebe, "inputCollection") ?? "")}`,
    );
  }
  if (element.$type === "bpmn:ReceiveTask") {
    const name = str(child(element, "messageRef"), "name");
    if (name) set("event", { id: `pesan "${name}"`, en: `message "${name}"` });
  }
  return result;
}

function formIdOf(element: ModdleElement): string | undefined {
  const definition = extension(element, "zeebe:FormDefinition");
  const formKey = str(definition, "formKey");
  return str(definition, "formId") ?? formKey?.match(/^camunda-forms:bpmn:(.+)$/)?.[1] ?? formKey;
}

/** The fields of a form-js schema, key → label, nested groups included; undefined when unknown. */
function formFields(schema: unknown): Map<string, string> | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const fields = new Map<string, string>();
  const walk = (node: unknown) => {
    const components = (node as { components?: unknown }).components;
    if (!Array.isArray(components)) return;
    for (const c of components) {
      if (typeof c !== "object" || c === null) continue;
      const { key, label } = c as { key?: unknown; label?: unknown };
      if (typeof key === "string" && key) fields.set(key, typeof label === "string" && label ? label : key);
      walk(c);
    }
  };
  walk(schema);
  return fields;
}

function eventWords(element: ModdleElement): Words | undefined {
  const definition = children(element, "eventDefinitions")[0];
  if (!definition) return undefined;
  const compiled = compileEventDefinition(element).value;
  if (!compiled) {
    // an incomplete definition still has a kind worth naming
    const kind = localType(definition).replace(/EventDefinition$/, "");
    return { id: kind, en: kind };
  }
  switch (compiled.kind) {
    case "timer":
      return timerWords(compiled.timer);
    case "message":
      return { id: `pesan "${compiled.messageName}"`, en: `message "${compiled.messageName}"` };
    case "signal":
      return { id: `sinyal "${compiled.signalName}"`, en: `signal "${compiled.signalName}"` };
    case "error":
      return { id: `galat ${compiled.errorCode ?? ""}`.trim(), en: `error ${compiled.errorCode ?? ""}`.trim() };
    case "escalation":
      return {
        id: `eskalasi ${compiled.escalationCode ?? ""}`.trim(),
        en: `escalation ${compiled.escalationCode ?? ""}`.trim(),
      };
    case "terminate":
      return { id: "hentikan semua", en: "terminate all" };
    case "link":
      return { id: `tautan "${compiled.linkName}"`, en: `link "${compiled.linkName}"` };
  }
}

/** A timer in words: "setiap 30 hari, 12 kali", "3 hari kerja", "pada 2026-01-01T08:00". */
function timerWords(timer: TimerDefinition): Words {
  if (timer.type === "workingTime") {
    const unit = timer.duration.unit;
    return { id: durationWords({ value: timer.duration.value, unit }), en: durationWords(timer.duration, "en") };
  }
  if (timer.value.kind === "feel") return { id: `= ${timer.value.source}`, en: `= ${timer.value.source}` };
  const text = timer.value.value;
  if (timer.type === "date") return { id: `pada ${text}`, en: `at ${text}` };
  if (timer.type === "duration") return isoDurationWords(text) ?? { id: text, en: text };
  const [first = "", ...rest] = text.split("/");
  const repeats = /^R(\d*)$/.exec(first);
  const period = rest.length > 0 ? isoDurationWords(rest[rest.length - 1] ?? "") : undefined;
  if (!repeats || !period) return { id: text, en: text };
  const times = repeats[1];
  return {
    id: `setiap ${period.id}${times ? `, ${times} kali` : ""}`,
    en: `every ${period.en}${times ? `, ${times} times` : ""}`,
  };
}

const ISO_PARTS: [letter: string, id: string, en: string][] = [
  ["Y", "tahun", "years"],
  ["M", "bulan", "months"],
  ["W", "minggu", "weeks"],
  ["D", "hari", "days"],
  ["H", "jam", "hours"],
  ["TM", "menit", "minutes"],
  ["S", "detik", "seconds"],
];

/** "P1M2D" → "1 bulan 2 hari"; undefined when it is not a plain ISO 8601 duration. */
function isoDurationWords(text: string): Words | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === "P" || text.trim().endsWith("T")) return undefined;
  const id: string[] = [];
  const en: string[] = [];
  ISO_PARTS.forEach(([, wordId, wordEn], i) => {
    const n = m[i + 1];
    if (n === undefined) return;
    id.push(`${n} ${wordId}`);
    en.push(`${n} ${wordEn}`);
  });
  return id.length > 0 ? { id: id.join(" "), en: en.join(" ") } : undefined;
}

// ---------------------------------------------------------------------------------------------

const UNITS = new Set(["minutes", "hours", "workingHours", "workingDays", "calendarDays", "months", "years"]);

function slaWords(sla: { value: number; unit: string }, lang: "id" | "en"): string {
  return UNITS.has(sla.unit)
    ? durationWords(sla as Parameters<typeof durationWords>[0], lang)
    : `${sla.value} ${sla.unit}`;
}

function w(id: string, en: string): Words {
  return { id, en };
}

function quote(text: string | undefined): string {
  return text === undefined ? "—" : `"${text}"`;
}

/** A scalar property that changed: "nama "A" → "B"" / "name "A" → "B"". */
function scalar(label: Words, before: string | undefined, after: string | undefined): Words[] {
  if (before === after) return [];
  return [w(`${label.id} ${quote(before)} → ${quote(after)}`, `${label.en} ${quote(before)} → ${quote(after)}`)];
}

const MAX_LISTED = 5;

/** A list property: what joined it and what left it. */
function list(
  label: Words,
  before: string[],
  after: string[],
  name: (item: string) => Words,
  mode: "whole" | "delta" = "delta",
): Words[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (added.length === 0 && removed.length === 0) return [];
  const join = (items: string[], lang: "id" | "en") => {
    // a long list (a district's 20 requirements) reads as its first few and a count
    const shown = items.slice(0, MAX_LISTED).map((i) => name(i)[lang]);
    const more = items.length - shown.length;
    if (more > 0) shown.push(lang === "id" ? `dan ${more} lainnya` : `and ${more} more`);
    return shown.join(", ");
  };
  const parts: Words[] = [];
  if (mode === "whole" && before.length > 0 && after.length > 0) {
    // the whole list both ways reads best for short lists such as roles
    return [
      w(
        `${label.id}: ${join(before, "id")} → ${join(after, "id")}`,
        `${label.en}: ${join(before, "en")} → ${join(after, "en")}`,
      ),
    ];
  }
  if (added.length > 0)
    parts.push(w(`${label.id} ditambahkan: ${join(added, "id")}`, `${label.en} added: ${join(added, "en")}`));
  if (removed.length > 0)
    parts.push(w(`${label.id} dihapus: ${join(removed, "id")}`, `${label.en} removed: ${join(removed, "en")}`));
  return parts;
}

const LABELS = {
  name: w("nama", "name"),
  type: w("jenis", "kind"),
  roles: w("peran", "role"),
  rolesExpression: w("peran (ekspresi)", "role (expression)"),
  assignee: w("penerima tugas", "assignee"),
  candidateUsers: w("pengguna calon", "candidate users"),
  documents: w("dokumen yang diperiksa", "documents to check"),
  escalateTo: w("eskalasi ke", "escalation to"),
  form: w("formulir", "form"),
  dueDate: w("tenggat", "due date"),
  followUpDate: w("tanggal tindak lanjut", "follow-up date"),
  condition: w("syarat", "condition"),
  defaultFlow: w("alur bawaan", "default flow"),
  event: w("pemicu", "trigger"),
  attachedTo: w("melekat pada", "attached to"),
  inputs: w("pemetaan masukan", "input mapping"),
  outputs: w("pemetaan keluaran", "output mapping"),
  connector: w("jenis konektor", "connector type"),
  source: w("dari", "from"),
  target: w("ke", "to"),
  script: w("rumus", "expression"),
  calledProcess: w("proses yang dipanggil", "called process"),
  multiInstance: w("berulang untuk tiap", "repeated for each"),
  fields: w("kolom formulir", "form fields"),
} as const;

/** Header keys of the built-in connectors, in words; others are shown by key. */
const HEADER_WORDS: Record<string, Words> = {
  roles: w("penerima pemberitahuan", "notified roles"),
  audience: w("sasaran pemberitahuan", "notification audience"),
  title: w("judul", "title"),
  message: w("pesan", "message"),
  template: w("templat dokumen", "document template"),
  fileName: w("nama berkas", "file name"),
  body: w("isi dokumen", "document body"),
  url: w("alamat", "URL"),
  method: w("metode", "method"),
};

function compareFacts(a: Facts, b: Facts, ctx: Context): Words[] {
  const out: Words[] = [];
  const nameOf = (id: string | undefined, at: Side) => {
    const element = id ? at.elements.get(id) : undefined;
    return element ? (str(element, "name") ?? id) : id;
  };
  out.push(...scalar(LABELS.name, a.name, b.name));
  if (a.type !== b.type) {
    const before = kindWords({ $type: a.type });
    const after = kindWords({ $type: b.type });
    out.push(
      w(
        `jenis: ${before.id} (${localName(a.type)}) → ${after.id} (${localName(b.type)})`,
        `kind: ${before.en} (${localName(a.type)}) → ${after.en} (${localName(b.type)})`,
      ),
    );
  }
  out.push(...list(LABELS.roles, a.roles, b.roles, ctx.role, "whole"));
  out.push(...scalar(LABELS.rolesExpression, a.rolesExpression, b.rolesExpression));
  out.push(...scalar(LABELS.assignee, a.assignee, b.assignee));
  out.push(...scalar(LABELS.candidateUsers, a.candidateUsers, b.candidateUsers));
  out.push(...slaChange(a.sla, b.sla));
  out.push(
    ...list(LABELS.documents, a.documents, b.documents, (id) => {
      const name = ctx.newSide.requirements.get(id) ?? ctx.oldSide.requirements.get(id);
      return name ? w(name, name) : w(id, id);
    }),
  );
  out.push(...list(LABELS.escalateTo, a.escalateTo, b.escalateTo, ctx.role, "whole"));
  if (a.pausesClock !== b.pausesClock) {
    out.push(
      b.pausesClock
        ? w("kini menghentikan jam layanan selama menunggu di sini", "now stops the service clock while waiting here")
        : w("tidak lagi menghentikan jam layanan", "no longer stops the service clock"),
    );
  }
  out.push(...scalar(LABELS.form, a.formId, b.formId));
  if (a.formId === b.formId && a.formFields && b.formFields) {
    const label = (key: string) => {
      const text = b.formFields?.get(key) ?? a.formFields?.get(key) ?? key;
      return text === key ? w(key, key) : w(`${text} (${key})`, `${text} (${key})`);
    };
    const added = [...b.formFields.keys()].filter((k) => !a.formFields?.has(k));
    const removed = [...a.formFields.keys()].filter((k) => !b.formFields?.has(k));
    if (added.length > 0)
      out.push(
        w(
          `kolom formulir ditambahkan: ${added.map((k) => label(k).id).join(", ")}`,
          `form fields added: ${added.map((k) => label(k).en).join(", ")}`,
        ),
      );
    if (removed.length > 0)
      out.push(
        w(
          `kolom formulir dihapus: ${removed.map((k) => label(k).id).join(", ")}`,
          `form fields removed: ${removed.map((k) => label(k).en).join(", ")}`,
        ),
      );
  }
  out.push(...scalar(LABELS.dueDate, a.dueDate, b.dueDate));
  out.push(...scalar(LABELS.followUpDate, a.followUpDate, b.followUpDate));
  out.push(...scalar(LABELS.condition, a.condition, b.condition));
  out.push(...scalar(LABELS.defaultFlow, nameOf(a.defaultFlow, ctx.oldSide), nameOf(b.defaultFlow, ctx.newSide)));
  if (a.event?.id !== b.event?.id) {
    const label = a.timer || b.timer ? w("waktu", "time") : LABELS.event;
    out.push(
      w(
        `${label.id}: ${a.event?.id ?? "—"} → ${b.event?.id ?? "—"}`,
        `${label.en}: ${a.event?.en ?? "—"} → ${b.event?.en ?? "—"}`,
      ),
    );
  }
  if (a.cancelActivity !== b.cancelActivity && a.cancelActivity !== undefined && b.cancelActivity !== undefined) {
    out.push(
      b.cancelActivity
        ? w("kini membatalkan langkahnya", "now cancels its step")
        : w("tidak lagi membatalkan langkahnya", "no longer cancels its step"),
    );
  }
  out.push(...scalar(LABELS.attachedTo, nameOf(a.attachedTo, ctx.oldSide), nameOf(b.attachedTo, ctx.newSide)));
  out.push(...list(LABELS.inputs, a.inputs, b.inputs, (m) => w(m, m)));
  out.push(...list(LABELS.outputs, a.outputs, b.outputs, (m) => w(m, m)));
  out.push(...scalar(LABELS.connector, a.connector, b.connector));
  for (const key of new Set([...a.headers.keys(), ...b.headers.keys()])) {
    const before = a.headers.get(key);
    const after = b.headers.get(key);
    if (before === after) continue;
    const label = HEADER_WORDS[key] ?? w(`pengaturan ${key}`, `setting ${key}`);
    if (key === "roles") out.push(...list(label, roleIds(before), roleIds(after), ctx.role, "whole"));
    else out.push(...scalar(label, before, after));
  }
  out.push(...scalar(LABELS.source, nameOf(a.source, ctx.oldSide), nameOf(b.source, ctx.newSide)));
  out.push(...scalar(LABELS.target, nameOf(a.target, ctx.oldSide), nameOf(b.target, ctx.newSide)));
  out.push(...scalar(LABELS.script, a.script, b.script));
  out.push(...scalar(LABELS.calledProcess, a.calledProcess, b.calledProcess));
  out.push(...scalar(LABELS.multiInstance, a.multiInstance, b.multiInstance));
  return out;
}

function localName(type: string): string {
  return type.replace(/^bpmn:/, "");
}

function slaChange(
  a: { value: number; unit: string } | undefined,
  b: { value: number; unit: string } | undefined,
): Words[] {
  if (a?.value === b?.value && a?.unit === b?.unit) return [];
  if (!a && b) return [w(`SLA ditetapkan: ${slaWords(b, "id")}`, `SLA set: ${slaWords(b, "en")}`)];
  if (a && !b) return [w(`SLA dihapus (sebelumnya ${slaWords(a, "id")})`, `SLA removed (was ${slaWords(a, "en")})`)];
  if (!a || !b) return [];
  if (a.unit === b.unit) {
    const unit = slaWords({ value: 0, unit: b.unit }, "id").replace(/^0 /, "");
    const unitEn = slaWords({ value: 0, unit: b.unit }, "en").replace(/^0 /, "");
    const n = (v: number, lang: "id" | "en") => slaWords({ value: v, unit: b.unit }, lang).split(" ")[0];
    return [
      w(
        `SLA ${n(a.value, "id")} → ${n(b.value, "id")} ${unit}`,
        `SLA ${n(a.value, "en")} → ${n(b.value, "en")} ${unitEn}`,
      ),
    ];
  }
  return [w(`SLA ${slaWords(a, "id")} → ${slaWords(b, "id")}`, `SLA ${slaWords(a, "en")} → ${slaWords(b, "en")}`)];
}

/** What an added element comes with, in brief. */
function summary(f: Facts, ctx: Context): Words[] {
  const out: Words[] = [];
  const names = (ids: string[], lang: "id" | "en") => ids.map((r) => ctx.role(r)[lang]).join(", ");
  if (f.roles.length > 0) out.push(w(`peran: ${names(f.roles, "id")}`, `role: ${names(f.roles, "en")}`));
  if (f.sla) out.push(w(`SLA ${slaWords(f.sla, "id")}`, `SLA ${slaWords(f.sla, "en")}`));
  if (f.pausesClock) out.push(w("menghentikan jam layanan", "stops the service clock"));
  if (f.condition) out.push(w(`syarat: ${f.condition}`, `condition: ${f.condition}`));
  if (f.event) out.push(w(`pemicu: ${f.event.id}`, `trigger: ${f.event.en}`));
  if (f.escalateTo.length > 0)
    out.push(w(`eskalasi ke: ${names(f.escalateTo, "id")}`, `escalation to: ${names(f.escalateTo, "en")}`));
  return out;
}

/** "Perbup No. 12 Tahun 2025 tentang …", as the history shows a version's legal basis. */
function legalWords(l: ModdleElement): Words {
  const [kind, number, year, title] = [str(l, "kind"), str(l, "number"), str(l, "year"), str(l, "title")];
  const id = [kind, number && `No. ${number}`, year && `Tahun ${year}`, title && `tentang ${title}`];
  const en = [kind, number && `No. ${number}`, year && `of ${year}`, title && `on ${title}`];
  return { id: id.filter(Boolean).join(" "), en: en.filter(Boolean).join(" ") };
}

/** Changes of the process: its id and name, and the service standard's headline parts. */
function processChanges(before: ModdleElement, after: ModdleElement, ctx: Context): Words[] {
  const out: Words[] = [];
  out.push(...scalar(w("kode proses", "process id"), before.id, after.id));
  out.push(...scalar(LABELS.name, str(before, "name"), str(after, "name")));
  const a = extension(before, "alur:ServiceStandard");
  const b = extension(after, "alur:ServiceStandard");
  const completion = (s: ModdleElement | undefined) => {
    const c = child(s, "completionTime");
    const value = num(c, "value");
    if (value === undefined) return undefined;
    const max = num(c, "maxValue");
    const unit = str(c, "unit") ?? "workingDays";
    const id = slaWords({ value, unit }, "id");
    const en = slaWords({ value, unit }, "en");
    return max === undefined
      ? { id, en }
      : {
          id: `${value}–${slaWords({ value: max, unit }, "id")}`,
          en: `${value}–${slaWords({ value: max, unit }, "en")}`,
        };
  };
  const ca = completion(a);
  const cb = completion(b);
  if (ca?.id !== cb?.id)
    out.push(
      w(
        `jangka waktu penyelesaian ${ca?.id ?? "—"} → ${cb?.id ?? "—"}`,
        `completion time ${ca?.en ?? "—"} → ${cb?.en ?? "—"}`,
      ),
    );
  // compared by the Indonesian wording, shown in each language
  const legal = (s: ModdleElement | undefined) => children(s, "legalBases").map((l) => legalWords(l).id);
  const legalEn = new Map(
    [...children(a, "legalBases"), ...children(b, "legalBases")].map((l) => [legalWords(l).id, legalWords(l).en]),
  );
  out.push(...list(w("dasar hukum", "legal basis"), legal(a), legal(b), (t) => w(t, legalEn.get(t) ?? t)));
  out.push(
    ...list(
      w("persyaratan", "requirements"),
      [...ctx.oldSide.requirements.keys()],
      [...ctx.newSide.requirements.keys()],
      (id) => {
        const name = ctx.newSide.requirements.get(id) ?? ctx.oldSide.requirements.get(id) ?? id;
        return w(name, name);
      },
    ),
  );
  const variantBasis = (p: ModdleElement) => {
    const l = child(extension(p, "alur:Variant"), "legalBasis");
    return l ? legalWords(l) : undefined;
  };
  const va = variantBasis(before);
  const vb = variantBasis(after);
  if (va?.id !== vb?.id)
    out.push(
      w(
        `dasar hukum varian ${va?.id ?? "—"} → ${vb?.id ?? "—"}`,
        `variant's legal basis ${va?.en ?? "—"} → ${vb?.en ?? "—"}`,
      ),
    );
  return out;
}
