/**
 * bpmn-js / properties-panel `translate` override: every diagram string goes through the same
 * dictionaries (the `bpmn` section maps the library's English template to the shown text).
 */
import { i18n } from "./index";

type Replacements = Record<string, string | number | undefined>;
type Dict = Record<string, string>;

/**
 * The properties panel's header names an element by its type in Title Case ("User Task",
 * "Timer Boundary Event (Non Interrupting)"), while the palette and replace menu write the same
 * types in sentence case ("User task", "Timer boundary event (non-interrupting)"). Mapping the
 * first onto the second lets one dictionary entry serve both.
 */
export function sentenceCaseType(label: string): string {
  if (!/^[A-Z][a-z]*(?: [A-Z][a-z]*)*(?: \(Non Interrupting\))?$/.test(label)) return label;
  const [first = "", ...rest] = label
    .replace("(Non Interrupting)", "(non-interrupting)")
    .replace(/\bCompensate\b/, "Compensation")
    .replace("Sub Process", "sub-process")
    .replace("Ad Hoc", "ad-hoc")
    .replace("Event Based", "Event-based")
    .split(" ");
  return [first, ...rest.map((w) => w.toLowerCase())].join(" ");
}

/** Translates a template with a given `bpmn` dictionary; `lookup` resolves Alur's nested keys. */
export function translateWith(
  dict: Dict | undefined,
  template: string,
  replacements: Replacements = {},
  lookup: (key: string) => string | undefined = () => undefined,
): string {
  const text = dict?.[template] ?? dict?.[sentenceCaseType(template)] ?? lookup(template) ?? template;
  return text.replace(/{([^}]+)}/g, (_match, key: string) => {
    const value = replacements[key];
    if (value === undefined) return `{${key}}`;
    // types in replacements ("Task", "Gateway") are themselves translatable
    return typeof value === "string" ? (dict?.[value] ?? value) : String(value);
  });
}

/** Translates a bpmn-js template ("Append {type}") with its replacements, in the current language. */
function translateBpmn(template: string, replacements: Replacements = {}): string {
  const dict = i18n.getResource(i18n.language, "translation", "bpmn") as Dict | undefined;
  // Alur's own panel labels ("unit.workingDays") are ordinary nested keys
  const nested = (key: string) => (/^[a-z]+\.[a-zA-Z]+$/.test(key) && i18n.exists(key) ? i18n.t(key) : undefined);
  return translateWith(dict, template, replacements, nested);
}

/** The didi module that replaces bpmn-js' translate service. */
export const bpmnTranslateModule = { translate: ["value", translateBpmn] };
