/**
 * Reminders and escalation on a step, as BPMN the runtime runs: a non-interrupting boundary timer
 * on the user task that counts working days on the district's calendar (`alur:workingTime`, with a
 * plain `timeDuration` for other tools), leading to a `notify` connector task for the roles to
 * tell, and an end event. The task stays open; the notice goes to the notification centre (and
 * e-mail/WhatsApp when the staff member chose those).
 *
 * - reminder: the step's own roles (the assignee among them) after N working days;
 * - escalation: a superior role (e.g. Kepala Bidang) after N working days.
 *
 * The step editor folds the three elements into the step's card; the BPMN view shows them as they
 * are. Pure moddle access, so tests run in Node.
 */
import { type Bo, findExtension, type ModdleLike } from "../modeler/model-access";

export type TimerKind = "reminder" | "escalation";
export const TIMER_KINDS: readonly TimerKind[] = ["reminder", "escalation"];

export type StepTimer = {
  kind: TimerKind;
  /** Working days after the step opened. */
  days: number;
  /** The roles the notice goes to. */
  roles: string[];
  /** The elements it is made of: boundary timer, notify task, end event (and the flows between). */
  elements: string[];
};

/** The words a reminder's elements are named and its notice is written with (editor's language). */
export type TimerWords = { event: string; notify: string; end: string; title: string; message: string };

const SUFFIX: Record<TimerKind, string> = { reminder: "pengingat", escalation: "eskalasi" };

function processOf(definitions: Bo): Bo | undefined {
  return ((definitions.get("rootElements") as Bo[]) ?? []).find((e) => e.$type === "bpmn:Process");
}

function flowElements(process: Bo): Bo[] {
  return (process.get("flowElements") as Bo[] | undefined) ?? [];
}

function list(bo: Bo, prop: "incoming" | "outgoing"): Bo[] {
  let items = bo.get(prop) as Bo[] | undefined;
  if (!items) {
    items = [];
    bo.set(prop, items);
  }
  return items;
}

function headers(bo: Bo): Map<string, string> {
  const values = (findExtension(bo, "zeebe:TaskHeaders")?.get("values") as Bo[] | undefined) ?? [];
  return new Map(values.map((h) => [String(h.get("key") ?? ""), String(h.get("value") ?? "")]));
}

/** The reminder or escalation a boundary event is, when it is exactly the shape written here. */
function readTimer(boundary: Bo): (StepTimer & { taskId: string }) | null {
  if (boundary.$type !== "bpmn:BoundaryEvent" || boundary.get("cancelActivity") !== false) return null;
  const task = boundary.get("attachedToRef") as Bo | undefined;
  if (task?.$type !== "bpmn:UserTask") return null;
  const definition = ((boundary.get("eventDefinitions") as Bo[] | undefined) ?? [])[0];
  const working = findExtension(boundary, "alur:WorkingTime");
  if (definition?.$type !== "bpmn:TimerEventDefinition" || !working) return null;
  const days = Number(working.get("value"));
  if ((working.get("unit") ?? "workingDays") !== "workingDays" || !Number.isFinite(days)) return null;
  const out = list(boundary, "outgoing");
  const notify = out.length === 1 ? (out[0]!.get("targetRef") as Bo) : undefined;
  if (notify?.$type !== "bpmn:ServiceTask" || list(notify, "incoming").length !== 1) return null;
  if (findExtension(notify, "zeebe:TaskDefinition")?.get("type") !== "notify") return null;
  const h = headers(notify);
  const kind = h.get("reason") as TimerKind | undefined;
  if (!kind || !TIMER_KINDS.includes(kind)) return null;
  const next = list(notify, "outgoing");
  const end = next.length === 1 ? (next[0]!.get("targetRef") as Bo) : undefined;
  if (end?.$type !== "bpmn:EndEvent" || list(end, "incoming").length !== 1 || list(end, "outgoing").length > 0)
    return null;
  if (((end.get("eventDefinitions") as Bo[] | undefined) ?? []).length > 0) return null;
  const roles = (h.get("roles") ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  return {
    taskId: String(task.id),
    kind,
    days,
    roles,
    elements: [boundary, out[0]!, notify, next[0]!, end].map((e) => String(e.id)),
  };
}

/** The reminders and escalations of a process's steps, by step id. */
export function stepTimersOf(process: Bo): Map<string, StepTimer[]> {
  const out = new Map<string, StepTimer[]>();
  for (const bo of flowElements(process)) {
    const timer = readTimer(bo);
    if (!timer) continue;
    const { taskId, ...rest } = timer;
    out.set(taskId, [...(out.get(taskId) ?? []), rest]);
  }
  return out;
}

/** The ids the step editor folds into step cards (every element of every reminder/escalation). */
export function foldedIds(timers: Map<string, StepTimer[]>): Set<string> {
  return new Set([...timers.values()].flat().flatMap((t) => t.elements));
}

function uniqueId(process: Bo, base: string): string {
  const taken = new Set(flowElements(process).map((e) => String(e.id)));
  if (!taken.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}_${i}`)) i++;
  return `${base}_${i}`;
}

function add(process: Bo, bo: Bo): Bo {
  bo.$parent = process;
  (process.get("flowElements") as Bo[]).push(bo);
  return bo;
}

function connect(moddle: ModdleLike, process: Bo, source: Bo, target: Bo): Bo {
  const flow = add(
    process,
    moddle.create("bpmn:SequenceFlow", {
      id: uniqueId(process, `${String(source.id)}_ke`),
      sourceRef: source,
      targetRef: target,
    }),
  );
  list(source, "outgoing").push(flow);
  list(target, "incoming").push(flow);
  return flow;
}

function extensionElements(moddle: ModdleLike, owner: Bo, values: Bo[]): Bo {
  const ext = moddle.create("bpmn:ExtensionElements", { values });
  ext.$parent = owner;
  for (const v of values) v.$parent = ext;
  return ext;
}

/** Writes the boundary's timer: N working days (and the same as calendar days for other tools). */
function writeDuration(moddle: ModdleLike, boundary: Bo, days: number): void {
  boundary.set(
    "extensionElements",
    extensionElements(moddle, boundary, [moddle.create("alur:WorkingTime", { value: days, unit: "workingDays" })]),
  );
  const duration = moddle.create("bpmn:FormalExpression", { body: `P${days}D` });
  const definition = moddle.create("bpmn:TimerEventDefinition", {
    id: `${String(boundary.id)}_waktu`,
    timeDuration: duration,
  });
  definition.$parent = boundary;
  boundary.set("eventDefinitions", [definition]);
}

function writeHeaders(moddle: ModdleLike, notify: Bo, kind: TimerKind, roles: string[], words: TimerWords): void {
  const header = (key: string, value: string) => moddle.create("zeebe:Header", { key, value });
  notify.set(
    "extensionElements",
    extensionElements(moddle, notify, [
      moddle.create("zeebe:TaskDefinition", { type: "notify" }),
      moddle.create("zeebe:TaskHeaders", {
        values: [
          header("roles", roles.join(",")),
          header("reason", kind),
          header("title", words.title),
          header("message", words.message),
        ],
      }),
    ]),
  );
}

/**
 * Sets (or with `null` removes) a step's reminder or escalation: after `days` working days the
 * roles get a notice, the step stays open. Returns false when the step is not a user task.
 */
export function setStepTimer(
  moddle: ModdleLike,
  definitions: Bo,
  taskId: string,
  kind: TimerKind,
  spec: { days: number; roles: string[]; words: TimerWords } | null,
): boolean {
  const process = processOf(definitions);
  const task = process && flowElements(process).find((e) => e.id === taskId);
  if (!process || task?.$type !== "bpmn:UserTask") return false;
  dropStepTimers(process, taskId, kind);
  if (!spec) return true;
  const base = `${taskId}_${SUFFIX[kind]}`;
  const boundary = add(
    process,
    moddle.create("bpmn:BoundaryEvent", {
      id: uniqueId(process, base),
      name: spec.words.event,
      attachedToRef: task,
      cancelActivity: false,
    }),
  );
  writeDuration(moddle, boundary, spec.days);
  const notify = add(
    process,
    moddle.create("bpmn:ServiceTask", { id: uniqueId(process, `${base}_kirim`), name: spec.words.notify }),
  );
  writeHeaders(moddle, notify, kind, spec.roles, spec.words);
  const end = add(
    process,
    moddle.create("bpmn:EndEvent", { id: uniqueId(process, `${base}_terkirim`), name: spec.words.end }),
  );
  connect(moddle, process, boundary, notify);
  connect(moddle, process, notify, end);
  return true;
}

/** Removes a step's reminder or escalation (or, without `kind`, both) from the process. */
export function dropStepTimers(process: Bo, taskId: string, kind?: TimerKind): void {
  const gone = new Set(
    (stepTimersOf(process).get(taskId) ?? []).filter((t) => !kind || t.kind === kind).flatMap((t) => t.elements),
  );
  const elements = process.get("flowElements") as Bo[];
  for (let i = elements.length - 1; i >= 0; i--) if (gone.has(String(elements[i]!.id))) elements.splice(i, 1);
}

/** Keeps the reminders' roles the step's own when the step's roles change. */
export function followStepRoles(definitions: Bo, taskId: string, roles: string[]): void {
  const process = processOf(definitions);
  if (!process) return;
  for (const timer of stepTimersOf(process).get(taskId) ?? []) {
    if (timer.kind !== "reminder") continue;
    const notify = flowElements(process).find((e) => e.id === timer.elements[2]);
    const values = (findExtension(notify, "zeebe:TaskHeaders")?.get("values") as Bo[] | undefined) ?? [];
    values.find((h) => h.get("key") === "roles")?.set("value", roles.join(","));
  }
}
