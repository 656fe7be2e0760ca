/**
 * The declared completion time (component 4 of the standard) must cover what the model allows:
 * the SLAs of the tasks on the longest path through the process, loops counted once and
 * clock-stopping waits (pausesClock) left out. A shorter declaration promises the public what the
 * procedure cannot keep.
 */

import type { ServiceStandard } from "../../schemas";
import { slaOf } from "../alur-task";
import { slaPathOf } from "../derive-standard";
import { extension, type ModdleElement, str } from "../moddle-element";
import { problem } from "../problem";
import type { ScopedElement } from "../process-elements";
import { readServiceStandard } from "../service-standard";
import { procedureGraph } from "../standard-graph";
import { durationWords, numberWords, unitWords } from "../standard-words";
import type { Rule } from "./rule";

const EPSILON = 1e-9;

/** What the longest path needs beyond the declared completion time; null when it fits. */
export interface CompletionShortfall {
  declared: NonNullable<ServiceStandard["completionTime"]>;
  /** The path's SLA sum in the declared unit (approximate when units differ: `exact` false). */
  sum: number;
  exact: boolean;
  /** The path's SLA sum in working days. */
  workingDays: number;
  /** The steps with an SLA on the longest path, in order. */
  steps: { id: string; name: string; sla: NonNullable<ReturnType<typeof slaOf>> }[];
  message: { id: string; en: string };
}

/**
 * Compares a standard's completion time with the longest path's SLA sum of the process's
 * elements: the rule's check, also run by the designer's standard editor as the admin types.
 */
export function completionShortfall(
  elements: readonly ScopedElement[],
  standard: Pick<ServiceStandard, "completionTime">,
): CompletionShortfall | null {
  const completion = standard.completionTime;
  if (!completion) return null;
  const path = slaPathOf(procedureGraph(elements), standard as ServiceStandard);
  const declared = completion.maxValue ?? completion.value;
  const sum = path.inCompletionUnit ?? 0;
  if (sum <= declared + EPSILON) return null;
  const byId = new Map(elements.map(({ element }) => [element.id, element as ModdleElement]));
  const steps = path.elementIds.flatMap((id) => {
    const sla = slaOf(byId.get(id));
    return sla && sla.value > 0 ? [{ id, name: str(byId.get(id), "name") || id, sla }] : [];
  });
  const via = (lang: "id" | "en") => steps.map((s) => `${s.name} (${durationWords(s.sla, lang)})`).join(" → ");
  const approx = path.exact ? "" : "≈ ";
  const declaredWords = (lang: "id" | "en") => durationWords({ value: declared, unit: completion.unit }, lang);
  const sumWords = (lang: "id" | "en") => `${approx}${numberWords(sum, lang)} ${unitWords(completion.unit, lang)}`;
  return {
    declared: completion,
    sum,
    exact: path.exact,
    workingDays: path.workingDays,
    steps,
    message: {
      id: `Waktu penyelesaian yang dinyatakan (${declaredWords("id")}) lebih pendek dari jumlah SLA pada jalur terpanjang (${sumWords("id")}: ${via("id")}).`,
      en: `The declared completion time (${declaredWords("en")}) is shorter than the SLA sum of the longest path (${sumWords("en")}: ${via("en")}).`,
    },
  };
}

export const completionTimeUnderSla: Rule = {
  code: "completion-time-under-sla",
  check(context) {
    return context.processes.flatMap(({ process, elements }) => {
      if (!extension(process, "alur:ServiceStandard")) return [];
      const { standard } = readServiceStandard(process);
      if (!standard) return [];
      const shortfall = completionShortfall(elements, standard);
      return shortfall ? [problem(process.id, "warning", this.code, shortfall.message)] : [];
    });
  },
};
