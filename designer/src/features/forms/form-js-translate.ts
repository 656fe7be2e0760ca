/**
 * form-js-editor 1.23 writes its own text (palette, properties panel, canvas hints) in English,
 * straight from Preact components: there is no translation hook. Two layers put it through our
 * `formJs` dictionary (form-js-strings.<language>.json, loaded with the form chunks only, not with
 * every page), keyed by the library's exact English:
 * - the form field registry gets translated type names, so the palette, its search and the panel
 *   header read them in the user's language, and a new field's default texts are in it too;
 * - a scoped DOM translator rewrites the rest (text, placeholders, titles, aria-labels) in the
 *   editor's chrome, never inside what the user wrote (labels, keys, options, expressions).
 */
import { translateWith } from "../../i18n/bpmn-translate";
import enStrings from "./form-js-strings.en.json";
import idStrings from "./form-js-strings.id.json";

export type FormJsDictionary = Record<string, string>;
/** Returns the shown text for a library string, or undefined when the dictionary does not know it. */
export type FormJsLookup = (text: string) => string | undefined;

const PLACEHOLDER = /({\w+})/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A lookup over one language's section: an exact key first, else a template key whose `{name}`
 * parts match ("Remove {label}" for "Remove Text field"); a matched value that is itself a key is
 * translated too (the palette name inside the remove button's title).
 */
export function createFormJsLookup(dict: FormJsDictionary = {}): FormJsLookup {
  const templates = Object.keys(dict)
    .filter((key) => PLACEHOLDER.test(key))
    .map((key) => {
      const names: string[] = [];
      const source = key
        .split(PLACEHOLDER)
        .map((part) => {
          const name = /^{(\w+)}$/.exec(part)?.[1];
          if (name === undefined) return escapeRegExp(part);
          names.push(name);
          return "(.+?)";
        })
        .join("");
      return { key, names, pattern: new RegExp(`^${source}$`) };
    });
  return (text) => {
    const exact = dict[text];
    if (exact !== undefined) return exact;
    for (const { key, names, pattern } of templates) {
      const match = pattern.exec(text);
      if (match) return translateWith(dict, key, Object.fromEntries(names.map((name, i) => [name, match[i + 1]])));
    }
    return undefined;
  };
}

/**
 * The lookup for form-js' own strings in a language: the editor's (`formJs`) or the viewer's
 * (`formJsViewer`: the same English can mean something else there, "Select" being a component
 * type in the editor and the empty select's prompt in a form).
 */
export function formJsLookup(language: string, section: "formJs" | "formJsViewer" = "formJs"): FormJsLookup {
  return createFormJsLookup((language === "en" ? enStrings : idStrings)[section]);
}

/** Translates a text node's or attribute's text, keeping the whitespace around it. */
export function translateSpaced(text: string, lookup: FormJsLookup): string {
  const trimmed = text.trim();
  if (trimmed === "") return text;
  const shown = lookup(trimmed);
  if (shown === undefined) return text;
  const start = text.indexOf(trimmed);
  return text.slice(0, start) + shown + text.slice(start + trimmed.length);
}

/** Where the editor shows its own text: palette, properties panel, popups, and the canvas' hints and buttons. */
const CHROME = [
  ".fjs-palette-container",
  ".fjs-properties-container",
  ".bio-properties-panel-popup",
  ".fjs-context-pad",
  ".fjs-empty-editor",
  ".fjs-empty-component",
  ".fjs-form-field-placeholder",
  ".fjs-repeat-render-footer",
].join(", ");

/**
 * What the user wrote, shown inside the chrome: the selected field's label in the panel header,
 * list entries named by their option label or property key, and every text and expression editor.
 */
const USER_CONTENT = [
  "[contenteditable]",
  ".cm-editor",
  ".bio-properties-panel-header-label",
  ".bio-properties-panel-collapsible-entry-header-title:not(.empty)",
].join(", ");

const TRANSLATED_ATTRIBUTES = ["placeholder", "title", "aria-label"] as const;

/** Whether text on or directly inside this element is the editor's own, not the user's. */
function isEditorChrome(element: Element): boolean {
  if (!element.closest(CHROME) || element.closest(USER_CONTENT)) return false;
  // the default value select lists the field's own options; only its "<none>" entry is ours
  const option = element.closest("option");
  return !(option?.closest('[data-entry-id="defaultValue"]') && option.value !== "");
}

interface Shown {
  original: string;
  shown: string;
}

/**
 * Where the viewer (task page, form preview) shows its own text: the empty select, dropdown and
 * tag list messages and search boxes, number arrows, the file picker, table paging, list rows'
 * remove buttons, document downloads, media placeholders. Exact dictionary matches only, so a
 * select showing a chosen option or a picked file's name keeps it.
 */
const VIEWER_CHROME = [
  ".fjs-select-placeholder",
  ".fjs-dropdownlist-empty",
  ".fjs-taglist-input",
  ".fjs-taglist-tag button",
  "input.fjs-input",
  ".fjs-number-arrow-container",
  ".fjs-filepicker-container",
  ".fjs-table-nav",
  ".fjs-table-body",
  ".fjs-repeat-row-remove",
  ".fjs-documentPreview-download-button",
  ".fjs-iframe-placeholder",
  ".fjs-image-placeholder",
].join(", ");

/** Whether text on or directly inside this element is the form viewer's own, not the form's. */
export function isViewerChrome(element: Element): boolean {
  return element.closest(VIEWER_CHROME) !== null;
}

/**
 * Keeps the form-js chrome under `root` (by default the editor's) translated while form-js re-renders it. Preact writes a
 * text node or attribute only when its own vnode changes, so what we wrote stays until then, and
 * the observer translates the new English. The library's original is kept per node, so `update`
 * with another language (English included) rewrites what is shown from it.
 */
export function observeFormJsText(
  root: Element,
  initial: FormJsLookup,
  isChrome: (element: Element) => boolean = isEditorChrome,
): { update(next: FormJsLookup): void; disconnect(): void } {
  let lookup = initial;
  const texts = new WeakMap<Text, Shown>();
  const attributes = new WeakMap<Element, Map<string, Shown>>();

  const next = (record: Shown | undefined, current: string): Shown => {
    // a value we did not write is the library's new original
    const original = record && record.shown === current ? record.original : current;
    return { original, shown: translateSpaced(original, lookup) };
  };

  const visitText = (node: Text) => {
    if (!node.parentElement || !isChrome(node.parentElement)) return;
    const record = next(texts.get(node), node.data);
    texts.set(node, record);
    if (record.shown !== node.data) node.data = record.shown;
  };

  const visitAttribute = (element: Element, name: string) => {
    const current = element.getAttribute(name);
    if (current === null || !isChrome(element)) return;
    const records = attributes.get(element) ?? new Map<string, Shown>();
    attributes.set(element, records);
    const record = next(records.get(name), current);
    records.set(name, record);
    if (record.shown !== current) element.setAttribute(name, record.shown);
  };

  const visitElement = (element: Element) => {
    for (const name of TRANSLATED_ATTRIBUTES) visitAttribute(element, name);
  };

  const visitTree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return visitText(node as Text);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    visitElement(node as Element);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      if (current.nodeType === Node.TEXT_NODE) visitText(current as Text);
      else visitElement(current as Element);
    }
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(visitTree);
      else if (record.type === "characterData") visitText(record.target as Text);
      else if (record.attributeName) visitAttribute(record.target as Element, record.attributeName);
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...TRANSLATED_ATTRIBUTES],
  });
  visitTree(root);

  return {
    update(nextLookup) {
      lookup = nextLookup;
      visitTree(root);
    },
    disconnect() {
      observer.disconnect();
    },
  };
}

/** The part of form-js' FormFields registry this module rewrites. */
interface FormFieldsRegistry {
  _formFields: Record<string, { config: FormFieldConfig }>;
  register(type: string, formField: unknown): void;
}

interface FormFieldConfig {
  name?: string;
  label?: string | null;
  create?: (options?: Record<string, unknown>, ...rest: unknown[]) => Record<string, unknown>;
}

/** Texts a field's `create` writes into a new field when the caller gave none (form-js 1.23). */
const DEFAULT_TEXTS = ["label", "dateLabel", "timeLabel", "text"] as const;
/** Lists whose default entries carry a label: a choice's options, a table's columns. */
const DEFAULT_LISTS = ["values", "columns"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The library's default texts of a new field in the current language; what the caller passed stays as it is. */
function translateDefaults(
  created: Record<string, unknown>,
  options: Record<string, unknown>,
  translate: (text: string) => string,
): Record<string, unknown> {
  const out = { ...created };
  for (const key of DEFAULT_TEXTS) {
    const value = out[key];
    if (!(key in options) && typeof value === "string") out[key] = translate(value);
  }
  for (const key of DEFAULT_LISTS) {
    const list = out[key];
    if (key in options || !Array.isArray(list)) continue;
    out[key] = list.map((entry: unknown) =>
      isRecord(entry) && typeof entry.label === "string" ? { ...entry, label: translate(entry.label) } : entry,
    );
  }
  return out;
}

/**
 * A form-js module that re-registers every form field with its palette name and the default texts
 * of a new field translated. The field itself stays the same component; only `config` reads
 * differently. Fields read from a saved form keep their texts: `create` only fills what is missing.
 */
export function translatedFormFieldsModule(translate: (text: string) => string) {
  class TranslatedFormFields {
    static $inject = ["formFields"];
    constructor(formFields: FormFieldsRegistry) {
      for (const [type, field] of Object.entries(formFields._formFields)) {
        const { name, label, create } = field.config;
        const config: FormFieldConfig = {
          ...field.config,
          ...(name ? { name: translate(name) } : {}),
          ...(label ? { label: translate(label) } : {}),
          ...(create
            ? {
                create: (options: Record<string, unknown> = {}, ...rest: unknown[]) =>
                  translateDefaults(create(options, ...rest), options, translate),
              }
            : {}),
        };
        const translated = new Proxy(field, {
          get: (target, property, receiver) =>
            property === "config" ? config : Reflect.get(target, property, receiver),
        });
        formFields.register(type, translated);
      }
    }
  }
  return {
    __init__: ["alurTranslatedFormFields"],
    alurTranslatedFormFields: ["type", TranslatedFormFields] as const,
  };
}
