import { describe, expect, it } from "vitest";
import en from "../../i18n/public.en.json";
import id from "../../i18n/public.id.json";
import { translateFormError, translateValidator } from "./form-errors";

/** A minimal i18next-like lookup over our dictionaries (nested keys, {{value}} interpolation). */
function translator(dict: Record<string, unknown>) {
  return (key: string, values: Record<string, string> = {}) => {
    const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], dict);
    if (typeof text !== "string") throw new Error(`missing key ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
  };
}

// Every message form-js 1.23's Validator writes (node_modules/@bpmn-io/form-js-viewer, runPresetValidation
// and runNumberValidation), as the viewer produces them.
const FORM_JS_MESSAGES = [
  "Field is required.",
  "Field must match pattern ^[0-9]{16}$.",
  "Field must have minimum value of 1.",
  "Field must have maximum value of 10.",
  "Field must have minimum length of 16.",
  "Field must have maximum length of 16.",
  "Field must be a valid  international phone number. (e.g. +4930664040900)",
  "Field must be a valid email.",
  "Value is not a number.",
  "Value is expected to be an integer.",
  "Value is expected to have at most 2 decimal digits.",
  "Please select a valid value, the two nearest valid values are 5 and 10.",
];

describe("form-js validation messages", () => {
  it("are all translated to Bahasa Indonesia, values kept", () => {
    const t = translator(id);
    const translated = FORM_JS_MESSAGES.map((m) => translateFormError(m, t));
    for (const [i, text] of translated.entries()) expect(text, FORM_JS_MESSAGES[i]).not.toBe(FORM_JS_MESSAGES[i]);
    expect(translated[0]).toBe("Kolom ini wajib diisi.");
    expect(translated[1]).toContain("^[0-9]{16}$");
    expect(translated[4]).toContain("16");
    expect(translated[11]).toContain("5");
    expect(translated[11]).toContain("10");
  });

  it("read as form-js wrote them in English", () => {
    const t = translator(en);
    expect(FORM_JS_MESSAGES.filter((m) => !m.includes("phone")).map((m) => translateFormError(m, t))).toEqual(
      FORM_JS_MESSAGES.filter((m) => !m.includes("phone")),
    );
  });

  it("leave a model's own message alone", () => {
    expect(translateFormError("NIK harus 16 digit", translator(id))).toBe("NIK harus 16 digit");
  });

  it("are translated when they come out of a wrapped validator", () => {
    const validator = {
      validateFieldInstance: (_field: unknown, value: unknown) => (value ? [] : ["Field is required."]),
    };
    translateValidator(validator, translator(id));
    expect(validator.validateFieldInstance({}, "")).toEqual(["Kolom ini wajib diisi."]);
    expect(validator.validateFieldInstance({}, "x")).toEqual([]);
  });
});
