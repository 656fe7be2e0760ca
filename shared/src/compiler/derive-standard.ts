/**
 * Derives the published Standar Pelayanan from the model: the procedure (component 3) is the
 * process's own steps in reading order, with role names from the directory, each step's SLA, the
 * clock stops, and its decisions and returns in plain Indonesian. Pure: used by the API (page and
 * PDF), the designer and the CLI, and later by the public service page.
 */
import type { DerivedStandard, DerivedStep, ServiceStandard, StepBranch, StepRole } from "../schemas";
import { alurTaskOf, slaOf } from "./alur-task";
import { children, commaList, extension, extensions, isA, type ModdleElement, str } from "./moddle-element";
import { type Problem, problem } from "./problem";
import { flowElementsOf, refId, selectProcess } from "./process-elements";
import { readServiceStandard, readVariant } from "./service-standard";
import { standardDiagram } from "./standard-diagram";
import { longestSlaPath, type ProcedureGraph, procedureGraph, workingMinutes } from "./standard-graph";
import { durationWords, inSentence } from "./standard-words";

export interface DeriveStandardInput {
  definitions: ModdleElement;
  processId?: string;
  /** Role names by role id, from the directory (roles table; built-in roles in the CLI). */
  roleNames?: Record<string, string>;
  /** The district of the version (districts data), for the kop surat. */
  district?: { code: string; name: string; level: "national" | "province" | "district" } | null;
  /** The published version's effective date: it wins over the model's dates. */
  effectiveFrom?: string | null;
}

/** The derived standard of the process, or the problems that prevent it. */
export function deriveStandard(input: DeriveStandardInput): { derived?: DerivedStandard; problems: Problem[] } {
  const process = selectProcess(input.definitions, input.processId);
  if (!process) {
    return {
      problems: [
        problem(input.processId, "error", "process-not-found", {
          id: input.processId ? `Proses "${input.processId}" tidak ditemukan.` : "Model tidak berisi proses.",
          en: input.processId ? `Process "${input.processId}" not found.` : "The model contains no process.",
        }),
      ],
    };
  }
  const { standard, problems } = readServiceStandard(process);
  if (!standard) {
    return {
      problems:
        problems.length > 0
          ? problems
          : [
              problem(process.id, "error", "service-standard-missing", {
                id: "Proses tidak memiliki standar pelayanan (alur:serviceStandard).",
                en: "The process has no service standard (alur:serviceStandard).",
              }),
            ],
    };
  }
  const graph = procedureGraph(flowElementsOf(process));
  const procedure = deriveProcedure(graph, input.roleNames ?? {});
  const path = slaPathOf(graph, standard);
  const variant = readVariant(process).variant;
  const validFrom = input.effectiveFrom ?? variant?.effectiveFrom ?? standard.validFrom;
  const notes: DerivedStandard["notes"] = [];
  if (standard.validFrom && validFrom && standard.validFrom !== validFrom) {
    notes.push({
      code: "standard-date-differs",
      message: {
        id: `Standar pada model berlaku sejak ${standard.validFrom}, versi yang diterbitkan berlaku sejak ${validFrom}; yang dicetak adalah tanggal versi.`,
        en: `The model's standard is valid from ${standard.validFrom}, the published version from ${validFrom}; the version's date is printed.`,
      },
    });
  }
  if (standard.validUntil && validFrom && validFrom > standard.validUntil) {
    notes.push({
      code: "standard-expired",
      message: {
        id: `Versi berlaku sejak ${validFrom}, setelah masa berlaku standar berakhir (${standard.validUntil}).`,
        en: `The version takes effect on ${validFrom}, after the standard's validity ended (${standard.validUntil}).`,
      },
    });
  }
  const steps = new Map(procedure.map((s) => [s.elementId, { order: s.order, pausesClock: s.pausesClock }]));
  const diagram = standardDiagram(input.definitions, process, steps);
  const office = standard.office ?? (input.district ? `Dinas Sosial ${input.district.name}` : "Dinas Sosial");
  const derived: DerivedStandard = {
    processId: process.id ?? "",
    standard,
    issuer: {
      ...(input.district && input.district.level !== "national"
        ? { government: `Pemerintah ${input.district.name}`.toUpperCase() }
        : {}),
      office,
      district: input.district?.code ?? null,
      signatory: `Kepala ${office}`,
    },
    procedure,
    slaPath: path,
    ...(validFrom ? { validFrom } : {}),
    ...(standard.validUntil ? { validUntil: standard.validUntil } : {}),
    ...(diagram ? { diagram } : {}),
    notes,
  };
  return { derived, problems: [] };
}

/** The longest path's SLA sum, also in the declared completion time's unit. */
export function slaPathOf(graph: ProcedureGraph, standard: ServiceStandard): DerivedStandard["slaPath"] {
  const hours = standard.completionTime?.officeHours;
  const dayMinutes = hours ? clock(hours.end) - clock(hours.start) : undefined;
  const longest = longestSlaPath(graph, dayMinutes && dayMinutes > 0 ? dayMinutes : undefined);
  const completion = standard.completionTime;
  const unitMinutes = completion ? workingMinutes({ value: 1, unit: completion.unit }, dayMinutes) : undefined;
  const workingDays = longest.workingMinutes / workingMinutes({ value: 1, unit: "workingDays" }, dayMinutes);
  const inCompletionUnit = unitMinutes ? longest.workingMinutes / unitMinutes : undefined;
  const exact = completion ? [...longest.units].every((u) => u === completion.unit) : false;
  return {
    elementIds: longest.elementIds,
    workingMinutes: longest.workingMinutes,
    workingDays,
    ...(inCompletionUnit !== undefined ? { inCompletionUnit } : {}),
    exact,
    text:
      completion && exact && inCompletionUnit !== undefined
        ? durationWords({ value: inCompletionUnit, unit: completion.unit })
        : durationWords({ value: workingDays, unit: "workingDays" }),
  };
}

const WORK = ["bpmn:Activity", "bpmn:IntermediateCatchEvent"];

function isStep(element: ModdleElement): boolean {
  return WORK.some((type) => isA(element, type));
}

function deriveProcedure(procedure: ProcedureGraph, roleNames: Record<string, string>): DerivedStep[] {
  const { graph, order, forward, endsForward } = procedure;
  const element = (id: string) => graph.nodes.get(id)?.element;
  const stepIds = order.filter((id) => {
    const e = element(id);
    return !!e && isStep(e);
  });
  const orderOf = new Map(stepIds.map((id, i) => [id, i + 1]));
  const steps = new Map<string, DerivedStep>();
  for (const id of stepIds) {
    const e = element(id) as ModdleElement;
    const kind = stepKind(e);
    const roles = rolesOf(e).map(
      (role): StepRole => ({ id: role, name: roleNames[role] ?? role, known: role in roleNames }),
    );
    const sla = slaOf(e);
    steps.set(id, {
      order: orderOf.get(id) as number,
      elementId: id,
      name: str(e, "name") ?? id,
      kind,
      roles,
      ...(sla ? { sla } : {}),
      pausesClock: alurTaskOf(e).pausesClock,
      parallelWith: [],
      branches: [],
      text: "",
    });
  }

  /** The first step (or end) a token meets from `id`, passing gateways and non-step events. */
  const resolve = (id: string, seen = new Set<string>()): { step?: DerivedStep; end?: ModdleElement } => {
    if (seen.has(id)) return {};
    seen.add(id);
    const step = steps.get(id);
    if (step) return { step };
    const e = element(id);
    const next = graph.next.get(id) ?? [];
    if (e && next.length === 0) return { end: e };
    for (const to of next) {
      const found = resolve(to, seen);
      if (found.step || found.end) return found;
    }
    return {};
  };

  /** The steps of a return branch from `id`, and the step it goes back to. */
  const returnPath = (id: string) => {
    const via: DerivedStep[] = [];
    let at: string | undefined = id;
    const seen = new Set<string>();
    while (at && !seen.has(at)) {
      seen.add(at);
      const step = steps.get(at);
      if (step) via.push(step);
      const next: string[] = graph.next.get(at) ?? [];
      const back = next.find((to) => procedure.backEdges.has(`${at}→${to}`));
      if (back) return { via, to: resolve(back).step };
      at = next.find((to) => !endsForward.has(to)) ?? next[0];
    }
    return { via, to: undefined };
  };

  const previous = new Map<string, string[]>();
  for (const [from, tos] of forward) for (const to of tos) previous.set(to, [...(previous.get(to) ?? []), from]);
  const owner = (gateway: string): DerivedStep | undefined => {
    // The latest step before the decision, passing other gateways and events.
    let latest: DerivedStep | undefined;
    const seen = new Set<string>([gateway]);
    const queue = [...(previous.get(gateway) ?? [])];
    while (queue.length > 0) {
      const from = queue.pop() as string;
      if (seen.has(from)) continue;
      seen.add(from);
      const step = steps.get(from);
      if (step) {
        if (!latest || step.order > latest.order) latest = step;
      } else queue.push(...(previous.get(from) ?? []));
    }
    return latest;
  };

  const outgoingOf = new Map<string, ReturnType<typeof sequenceFlows>>();
  for (const flow of sequenceFlows(graph)) outgoingOf.set(flow.source, [...(outgoingOf.get(flow.source) ?? []), flow]);
  for (const [id, { element: e }] of graph.nodes) {
    if (!isA(e, "bpmn:Gateway")) continue;
    const outgoing = outgoingOf.get(id) ?? [];
    if (outgoing.length < 2) continue;
    if (e.$type === "bpmn:ParallelGateway") {
      const targets = outgoing.map((f) => resolve(f.target).step).filter((s): s is DerivedStep => !!s);
      for (const s of targets) s.parallelWith = targets.filter((t) => t !== s).map((t) => t.order);
      continue;
    }
    const at = owner(id) ?? resolve(outgoing[0]?.target ?? "").step;
    if (!at) continue;
    const defaultFlow = refId(e.default);
    for (const flow of outgoing) {
      const label = flow.name ?? (flow.id === defaultFlow ? "selain itu" : (flow.condition ?? flow.target));
      const isReturn = procedure.backEdges.has(`${id}→${flow.target}`) || !endsForward.has(flow.target);
      at.branches.push(isReturn ? returnBranch(label, flow.target) : forwardBranch(label, flow.target));
    }
  }

  for (const [id, { element: e }] of graph.nodes) {
    if (e.$type !== "bpmn:BoundaryEvent") continue;
    const attached = steps.get(refId(e.attachedToRef) ?? "");
    const first = resolve((graph.next.get(id) ?? [])[0] ?? "").step;
    if (!attached || !first || first === attached) continue;
    first.trigger = { step: attached.order, label: str(e, "name") ?? boundaryWords(e) };
  }

  for (const step of steps.values()) step.text = stepText(step, element(step.elementId) as ModdleElement);
  return [...steps.values()].sort((a, b) => a.order - b.order);

  function forwardBranch(label: string, target: string): StepBranch {
    const { step, end } = resolve(target);
    if (step) {
      return {
        label,
        kind: "forward",
        toStep: step.order,
        viaSteps: [],
        pausesClock: false,
        text: `Jika ${inSentence(label)}, lanjut ke langkah ${step.order} (${step.name}).`,
      };
    }
    const endName = end ? str(end, "name") : undefined;
    return {
      label,
      kind: "end",
      viaSteps: [],
      pausesClock: false,
      text: `Jika ${inSentence(label)}, layanan selesai${endName ? ` (${endName})` : ""}.`,
    };
  }

  function returnBranch(label: string, target: string): StepBranch {
    const { via, to } = returnPath(target);
    const pause = via.find((s) => s.pausesClock);
    const toApplicant = via.some((s) => {
      const e = element(s.elementId);
      return headers(e).audience === "applicant" || alurTaskOf(e).pausesClock;
    });
    const range = via.length === 0 ? "" : ` (langkah ${stepRange(via.map((s) => s.order))})`;
    const what = toApplicant
      ? `dikembalikan kepada pemohon untuk dilengkapi${range}`
      : via.length > 0
        ? `${via.map((s) => s.name).join("; ")}${range}`
        : "diulang";
    const back = to ? `, lalu diproses kembali mulai langkah ${to.order}` : "";
    const stop = pause ? `; waktu layanan berhenti sampai langkah ${pause.order} (${pause.name}) selesai` : "";
    return {
      label,
      kind: "return",
      ...(to ? { toStep: to.order } : {}),
      viaSteps: via.map((s) => s.order),
      pausesClock: !!pause,
      text: `Jika ${inSentence(label)}, ${what}${back}${stop}.`,
    };
  }

  function stepText(step: DerivedStep, e: ModdleElement): string {
    const parts: string[] = [];
    const trigger = step.trigger ? `Bila ${inSentence(step.trigger.label)} selama langkah ${step.trigger.step}: ` : "";
    const who =
      step.roles.length > 0
        ? step.roles.map((r) => r.name).join(" / ")
        : step.kind === "system"
          ? "sistem (otomatis)"
          : undefined;
    parts.push(`${trigger}${step.name}${who ? `, oleh ${who}` : ""}`);
    if (step.sla) parts.push(`waktu ${durationWords(step.sla)}`);
    if (step.pausesClock)
      parts.push(`waktu layanan berhenti selama ${isA(e, "bpmn:UserTask") ? "langkah ini" : "menunggu"}`);
    if (step.parallelWith.length > 0) parts.push(`bersamaan dengan langkah ${step.parallelWith.join(", ")}`);
    return `${parts.join("; ")}.`;
  }
}

function stepKind(e: ModdleElement): DerivedStep["kind"] {
  if (isA(e, "bpmn:ReceiveTask") || isA(e, "bpmn:IntermediateCatchEvent")) return "wait";
  if (isA(e, "bpmn:ServiceTask") || isA(e, "bpmn:SendTask") || isA(e, "bpmn:ScriptTask")) return "system";
  return "human";
}

/** Candidate groups of a user task; the `roles` header of a notify task (who is told). */
function rolesOf(e: ModdleElement): string[] {
  const assignment = extension(e, "zeebe:AssignmentDefinition");
  if (assignment) return commaList(str(assignment, "candidateGroups"));
  return commaList(headers(e).roles);
}

function headers(e: ModdleElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of extensions(e, "zeebe:TaskHeaders")) {
    for (const h of children(block, "values")) {
      const key = str(h, "key");
      const value = str(h, "value");
      if (key && value) out[key] = value;
    }
  }
  return out;
}

function sequenceFlows(graph: ProcedureGraph["graph"]) {
  const out: { id: string; source: string; target: string; name?: string; condition?: string }[] = [];
  const seen = new Set<string>();
  for (const { element } of graph.nodes.values()) {
    for (const flow of children(element, "outgoing")) {
      if (!flow.id || seen.has(flow.id)) continue;
      seen.add(flow.id);
      const source = refId(flow.sourceRef);
      const target = refId(flow.targetRef);
      if (!source || !target) continue;
      const condition = str(flow.conditionExpression as ModdleElement | undefined, "body")?.replace(/^=/, "");
      out.push({
        id: flow.id,
        source,
        target,
        ...(str(flow, "name") ? { name: str(flow, "name") } : {}),
        ...(condition ? { condition } : {}),
      });
    }
  }
  return out;
}

function boundaryWords(e: ModdleElement): string {
  const definition = children(e, "eventDefinitions")[0];
  return definition?.$type === "bpmn:TimerEventDefinition" ? "waktu habis" : "terjadi peristiwa";
}

/** "3–4" for consecutive orders, "3, 5" otherwise. */
function stepRange(orders: number[]): string {
  const sorted = [...orders].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => i === 0 || n === (sorted[i - 1] as number) + 1);
  if (sorted.length > 1 && consecutive) return `${sorted[0]}–${sorted[sorted.length - 1]}`;
  return sorted.join(", ");
}

function clock(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * The standard as the 14-component schema with component 3 replaced by the derived procedure
 * (each step's sentence followed by its branches) and the version's dates: what is published.
 */
export function publishedStandard(derived: DerivedStandard): ServiceStandard {
  const { standard } = derived;
  return {
    ...standard,
    procedure: derived.procedure.map((step) => ({
      order: step.order,
      text: [step.text, ...step.branches.map((b) => b.text)].join(" "),
      ...(step.roles.length > 0 ? { role: step.roles.map((r) => r.id).join(",") } : {}),
    })),
    ...(derived.validFrom ? { validFrom: derived.validFrom } : {}),
  };
}
