/**
 * bpmn-js / properties-panel `translate` override: every diagram string goes through the same
 * dictionaries (the `bpmn` section maps the library's English template to the shown text).
 */
import { i18n } from "./index";

type Replacements = Record<string, string | number | undefined>;

/** Translates a bpmn-js template ("Append {type}") with its replacements. */
export function translateBpmn(template: string, replacements: Replacements = {}): string {
  const dict = i18n.getResource(i18n.language, "translation", "bpmn") as Record<string, string> | undefined;
  // Alur's own panel labels ("unit.workingDays") are ordinary nested keys
  const text =
    dict?.[template] ?? (/^[a-z]+\.[a-zA-Z]+$/.test(template) && i18n.exists(template) ? i18n.t(template) : template);
  return text.replace(/{([^}]+)}/g, (_match, key: string) => {
    const value = replacements[key];
    if (value === undefined) return `{${key}}`;
    // types in replacements ("Task", "Gateway") are themselves translatable
    return typeof value === "string" ? (dict?.[value] ?? value) : String(value);
  });
}

/** The didi module that replaces bpmn-js' translate service. */
export const bpmnTranslateModule = { translate: ["value", translateBpmn] };
