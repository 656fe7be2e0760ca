/**
 * "Mulai dari templat": the common shapes of a social-affairs procedure, built with the step
 * editor's own operations on the service's model (its start event and service standard stay), so
 * the admin then edits ordinary steps, decisions and reminders. Names come from the dictionary
 * (`stepEditor.tpl.*`), so a template reads in the editor's language.
 */
import type { Bo, ModdleLike } from "../modeler/model-access";
import { addYesNoQuestion, requirementsOf } from "./step-fields";
import {
  insertDecisionAfter,
  insertStepAfter,
  insertStepOnFlow,
  modelToGraph,
  processOf,
  rebuildDiagram,
  retargetFlow,
} from "./step-graph";
import { setStepTimer, type TimerKind, type TimerWords } from "./step-timers";

export const TEMPLATES = ["verifikasi", "berjenjang", "kunjungan"] as const;
export type TemplateId = (typeof TEMPLATES)[number];

type T = (key: string, options?: Record<string, unknown>) => string;

/** A reminder's or escalation's words for a step (`days` working days). */
export function timerWords(t: T, kind: TimerKind, step: string, days: number): TimerWords {
  return {
    event: t(`stepEditor.timer.${kind}.event`, { count: days }),
    notify: t(`stepEditor.timer.${kind}.notify`),
    end: t(`stepEditor.timer.${kind}.end`),
    title: t(`stepEditor.timer.${kind}.title`, { step }),
    // the notice's own placeholder, filled by the notify connector from the case
    message: t(`stepEditor.timer.${kind}.message`, { step, count: days, caseNumber: "{{caseNumber}}" }),
  };
}

/** Empties the process but for its start event, which then leads straight to one outcome. */
function reset(moddle: ModdleLike, definitions: Bo, outcome: string): { start: string; end: string } {
  const process = processOf(definitions)!;
  const elements = process.get("flowElements") as Bo[];
  const start =
    elements.find((e) => e.$type === "bpmn:StartEvent") ?? moddle.create("bpmn:StartEvent", { id: "mulai" });
  const end = moddle.create("bpmn:EndEvent", { id: start.id === "selesai" ? "hasil" : "selesai", name: outcome });
  const flow = moddle.create("bpmn:SequenceFlow", { id: `${String(start.id)}_ke_1`, sourceRef: start, targetRef: end });
  start.set("incoming", []);
  start.set("outgoing", [flow]);
  end.set("incoming", [flow]);
  for (const bo of [start, end, flow]) bo.$parent = process;
  process.set("flowElements", [start, end, flow]);
  return { start: String(start.id), end: String(end.id) };
}

function branch(definitions: Bo, decision: string, label: string): string {
  const edge = modelToGraph(definitions).edges.find((e) => e.source === decision && e.label === label);
  if (!edge) throw new Error(`no branch "${label}" of ${decision}`);
  return edge.id;
}

/**
 * Replaces the process's steps with a template's (the start event, its form and the service
 * standard stay); returns the new steps' ids by their role in the template.
 */
export function applyTemplate(moddle: ModdleLike, definitions: Bo, id: TemplateId, t: T): Record<string, string> {
  const w = (key: string) => t(`stepEditor.tpl.${key}`);
  const documents = requirementsOf(definitions).map((r) => r.id);
  const yesNo = { yes: t("stepEditor.yes"), no: t("stepEditor.no"), rejected: t("stepEditor.outcome.rejected") };
  const { start, end } = reset(moddle, definitions, t("stepEditor.outcome.approved"));
  const step = (after: string, name: string, roles: string[], extra: Record<string, unknown> = {}) =>
    insertStepAfter(moddle, definitions, after, name, {
      roles,
      slaValue: 1,
      slaUnit: "workingDays",
      ...extra,
    }) as string;
  const timer = (kind: TimerKind, task: string, name: string, days: number, roles: string[]) =>
    setStepTimer(moddle, definitions, task, kind, { days, roles, words: timerWords(t, kind, name, days) });
  const ids: Record<string, string> = { start, end };
  if (id === "verifikasi") {
    ids.receive = step(start, w("receive"), ["front-office"], { documents });
    ids.verify = step(ids.receive, w("verify"), ["back-office"], { documents });
    const complete = addYesNoQuestion(moddle, definitions, ids.verify, w("complete"))!;
    timer("reminder", ids.verify, w("verify"), 1, ["back-office"]);
    ids.check = insertDecisionAfter(moddle, definitions, ids.verify, { name: w("complete"), ...yesNo }, complete)!;
    const no = branch(definitions, ids.check, yesNo.no);
    retargetFlow(moddle, definitions, no, ids.verify);
    ids.wait = insertStepOnFlow(moddle, definitions, no, w("applicantCompletes"), {
      roles: ["front-office"],
      pausesClock: true,
    })!;
    ids.letter = insertStepOnFlow(moddle, definitions, branch(definitions, ids.check, yesNo.yes), w("letter"), {
      roles: ["back-office"],
      slaValue: 1,
      slaUnit: "workingDays",
    })!;
  } else if (id === "berjenjang") {
    ids.verify = step(start, w("verify"), ["back-office"], { documents });
    ids.initial = step(ids.verify, w("initial"), ["ketua-tim"]);
    timer("escalation", ids.initial, w("initial"), 2, ["kepala-bidang"]);
    ids.approve = step(ids.initial, w("approve"), ["kepala-bidang"]);
    const approved = addYesNoQuestion(moddle, definitions, ids.approve, w("approved"))!;
    timer("escalation", ids.approve, w("approve"), 2, ["kepala-dinas"]);
    ids.decide = insertDecisionAfter(moddle, definitions, ids.approve, { name: w("approved"), ...yesNo }, approved)!;
    ids.sign = insertStepOnFlow(moddle, definitions, branch(definitions, ids.decide, yesNo.yes), w("sign"), {
      roles: ["kepala-dinas"],
      slaValue: 1,
      slaUnit: "workingDays",
    })!;
  } else {
    ids.receive = step(start, w("receive"), ["front-office"], { documents });
    ids.schedule = step(ids.receive, w("schedule"), ["pekerja-sosial"]);
    ids.visit = step(ids.schedule, w("visit"), ["pekerja-sosial"], { slaValue: 3 });
    const eligible = addYesNoQuestion(moddle, definitions, ids.visit, w("eligible"))!;
    timer("reminder", ids.visit, w("visit"), 2, ["pekerja-sosial"]);
    timer("escalation", ids.visit, w("visit"), 3, ["kepala-bidang"]);
    ids.decide = insertDecisionAfter(moddle, definitions, ids.visit, { name: w("eligible"), ...yesNo }, eligible)!;
    ids.approve = insertStepOnFlow(moddle, definitions, branch(definitions, ids.decide, yesNo.yes), w("approve"), {
      roles: ["kepala-bidang"],
      slaValue: 1,
      slaUnit: "workingDays",
    })!;
  }
  rebuildDiagram(moddle, definitions);
  return ids;
}
