/**
 * Alur's executable set: Camunda 8's, less compensation for now. Anything outside it is named,
 * with the reason, so that no element deploys and then silently does nothing.
 */
import { children, isA, type ModdleElement } from "./moddle-element";

export interface Reason {
  id: string;
  en: string;
}

/** Event definitions each event type may carry (none = no definition). */
const ALLOWED_DEFINITIONS: Record<string, readonly string[]> = {
  "bpmn:StartEvent": ["none", "timer", "message", "signal"],
  "bpmn:EndEvent": ["none", "terminate", "error", "message", "escalation", "signal"],
  "bpmn:IntermediateCatchEvent": ["timer", "message", "signal", "link"],
  "bpmn:IntermediateThrowEvent": ["none", "message", "signal", "escalation", "link"],
  "bpmn:BoundaryEvent": ["timer", "message", "error", "escalation", "signal"],
};

/** Starts of event subprocesses may also catch errors and escalations. */
const EVENT_SUBPROCESS_STARTS = ["timer", "message", "signal", "error", "escalation"];

const SUPPORTED_ACTIVITIES = new Set([
  "bpmn:Task",
  "bpmn:UserTask",
  "bpmn:ServiceTask",
  "bpmn:SendTask",
  "bpmn:ReceiveTask",
  "bpmn:ScriptTask",
  "bpmn:ManualTask",
  "bpmn:SubProcess",
  "bpmn:CallActivity",
]);

const SUPPORTED_GATEWAYS = new Set([
  "bpmn:ExclusiveGateway",
  "bpmn:ParallelGateway",
  "bpmn:InclusiveGateway",
  "bpmn:EventBasedGateway",
]);

const KNOWN_REASONS: Record<string, Reason> = {
  "bpmn:ComplexGateway": {
    id: "gateway kompleks tidak dapat dijalankan; gunakan gateway eksklusif atau inklusif dengan kondisi",
    en: "complex gateways cannot be executed; use exclusive or inclusive gateways with conditions",
  },
  "bpmn:Transaction": {
    id: "transaksi (dengan pembatalan dan kompensasi) belum didukung",
    en: "transactions (with cancel and compensation) are not supported yet",
  },
  "bpmn:AdHocSubProcess": {
    id: "subproses ad-hoc belum didukung; modelkan urutannya secara eksplisit",
    en: "ad-hoc subprocesses are not supported yet; model the order explicitly",
  },
  "bpmn:BusinessRuleTask": {
    id: "tugas aturan bisnis (DMN) belum didukung; gunakan tugas skrip FEEL atau gateway",
    en: "business rule tasks (DMN) are not supported yet; use a FEEL script task or a gateway",
  },
};

/** The kind of an event definition: "bpmn:TimerEventDefinition" → "timer". */
export function definitionKind(definition: ModdleElement): string {
  const local = definition.$type.replace(/^bpmn:/, "").replace(/EventDefinition$/, "");
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** True for the start event of an event subprocess. */
function isEventSubProcessStart(element: ModdleElement): boolean {
  return (
    element.$type === "bpmn:StartEvent" &&
    isA(element.$parent, "bpmn:SubProcess") &&
    !!element.$parent?.triggeredByEvent
  );
}

/**
 * Why a flow element cannot be executed, or undefined when it can. Elements that are not flow
 * nodes or sequence flows (data objects, annotations) are ignored by the plan and not reported.
 */
export function unsupportedReason(element: ModdleElement): Reason | undefined {
  const type = element.$type;
  const known = KNOWN_REASONS[type];
  if (known) return known;

  if (isA(element, "bpmn:Activity")) {
    if (element.isForCompensation === true) return compensation();
    const loop = element.loopCharacteristics as ModdleElement | undefined;
    if (loop?.$type === "bpmn:StandardLoopCharacteristics") {
      return {
        id: "perulangan standar (loop) belum didukung; gunakan gateway kembali atau multi-instance",
        en: "standard loops are not supported; loop back through a gateway or use multi-instance",
      };
    }
    if (!SUPPORTED_ACTIVITIES.has(type)) return notExecutable(type);
    // The plan has no default flow for activities: it would run as an unconditional flow and be
    // taken together with any true condition, so refuse it rather than run it wrongly.
    if (element.default) {
      return {
        id: "alur bawaan (default flow) pada aktivitas belum didukung; letakkan gateway eksklusif setelah aktivitas",
        en: "a default flow on an activity is not supported yet; put an exclusive gateway after the activity",
      };
    }
    return undefined;
  }
  if (isA(element, "bpmn:Gateway")) return SUPPORTED_GATEWAYS.has(type) ? undefined : notExecutable(type);
  if (isA(element, "bpmn:Event")) return eventReason(element);
  if (isA(element, "bpmn:FlowNode")) return notExecutable(type);
  return undefined;
}

function eventReason(event: ModdleElement): Reason | undefined {
  const definitions = children(event, "eventDefinitions");
  if (definitions.length > 1) {
    return {
      id: "peristiwa dengan beberapa definisi (multiple/parallel multiple) belum didukung",
      en: "events with several definitions (multiple/parallel multiple) are not supported",
    };
  }
  const first = definitions[0];
  const kind = first ? definitionKind(first) : "none";
  if (kind === "compensate") return compensation();
  if (kind === "cancel") {
    return { id: "peristiwa pembatalan hanya berlaku dalam transaksi", en: "cancel events belong to transactions" };
  }
  if (kind === "conditional") {
    return {
      id: "peristiwa bersyarat belum didukung; gunakan pesan atau timer",
      en: "conditional events are not supported yet; use a message or a timer",
    };
  }
  // An embedded subprocess is started by its incoming flow: only a blank start event fits.
  const inEmbedded =
    event.$type === "bpmn:StartEvent" && isA(event.$parent, "bpmn:SubProcess") && !isEventSubProcessStart(event);
  const allowed = isEventSubProcessStart(event)
    ? EVENT_SUBPROCESS_STARTS
    : inEmbedded
      ? ["none"]
      : ALLOWED_DEFINITIONS[event.$type];
  if (!allowed) return notExecutable(event.$type);
  if (!allowed.includes(kind)) {
    const what = kind === "none" ? "tanpa definisi" : `jenis ${kind}`;
    return {
      id: `${event.$type.replace("bpmn:", "")} ${what} tidak dapat dijalankan di sini`,
      en: `a ${event.$type.replace("bpmn:", "")} of kind ${kind} cannot be executed here`,
    };
  }
  return undefined;
}

function compensation(): Reason {
  return { id: "kompensasi belum didukung", en: "compensation is not supported yet" };
}

function notExecutable(type: string): Reason {
  return { id: `elemen ${type} tidak dapat dijalankan oleh Alur`, en: `Alur cannot execute ${type} elements` };
}
