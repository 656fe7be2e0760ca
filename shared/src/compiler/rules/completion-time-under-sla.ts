/**
 * The declared completion time (component 4 of the standard) must cover what the model allows:
 * the SLAs of the tasks on the longest path through the process, loops counted once and
 * clock-stopping waits (pausesClock) left out. A shorter declaration promises the public what the
 * procedure cannot keep.
 */

import { alurTaskOf } from "../alur-task";
import { slaPathOf } from "../derive-standard";
import { extension } from "../moddle-element";
import { problem } from "../problem";
import { readServiceStandard } from "../service-standard";
import { procedureGraph } from "../standard-graph";
import { durationWords, numberWords, unitWords } from "../standard-words";
import type { Rule } from "./rule";

const EPSILON = 1e-9;

export const completionTimeUnderSla: Rule = {
  code: "completion-time-under-sla",
  check(context) {
    return context.processes.flatMap(({ process, elements }) => {
      if (!extension(process, "alur:ServiceStandard")) return [];
      const { standard } = readServiceStandard(process);
      const completion = standard?.completionTime;
      if (!standard || !completion) return [];
      const path = slaPathOf(procedureGraph(elements), standard);
      const declared = completion.maxValue ?? completion.value;
      const sum = path.inCompletionUnit ?? 0;
      if (sum <= declared + EPSILON) return [];
      const byId = new Map(elements.map(({ element }) => [element.id, element]));
      const slaSteps = path.elementIds.filter((id) => !!alurTaskOf(byId.get(id)).slaValue);
      const via = slaSteps.map((id) => byId.get(id)?.name || id).join(" → ");
      const approx = path.exact ? "" : "≈ ";
      const declaredWords = (lang: "id" | "en") => durationWords({ value: declared, unit: completion.unit }, lang);
      const sumWords = (lang: "id" | "en") => `${approx}${numberWords(sum, lang)} ${unitWords(completion.unit, lang)}`;
      return [
        problem(process.id, "warning", this.code, {
          id: `Waktu penyelesaian yang dinyatakan (${declaredWords("id")}) lebih pendek dari jumlah SLA pada jalur terpanjang (${sumWords("id")}: ${via}).`,
          en: `The declared completion time (${declaredWords("en")}) is shorter than the SLA sum of the longest path (${sumWords("en")}: ${via}).`,
        }),
      ];
    });
  },
};
