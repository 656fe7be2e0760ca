import { describe, expect, it } from "vitest";
import en from "./form-js-strings.en.json";
import id from "./form-js-strings.id.json";
import { createFormJsLookup, translatedFormFieldsModule, translateSpaced } from "./form-js-translate";

const idLookup = createFormJsLookup(id.formJs);
const enLookup = createFormJsLookup(en.formJs);

describe("form-js editor strings", () => {
  it("are looked up by the library's exact English", () => {
    // given the editor's own strings
    // then they read in Bahasa Indonesia, and as form-js wrote them in English
    expect(idLookup("Field label")).toBe("Label kolom");
    expect(idLookup("Select a form field to edit its properties.")).toBe(
      "Pilih kolom formulir untuk mengubah propertinya.",
    );
    expect(enLookup("Field label")).toBe("Field label");
    // text the dictionary does not know is not the editor's: it is left alone
    expect(idLookup("Hasil verifikasi")).toBeUndefined();
    expect(idLookup("field label")).toBeUndefined();
  });

  it("compose titles from a template and a translated component name", () => {
    expect(idLookup("Remove Text field")).toBe("Hapus Kolom teks");
    expect(idLookup("Create a Checkbox group element")).toBe("Tambahkan elemen Grup kotak centang");
    expect(idLookup("Create an Image view element")).toBe("Tambahkan elemen Tampilan gambar");
    expect(idLookup("List contains 3 items")).toBe("Daftar berisi 3 butir");
    expect(idLookup("Should be at least 5.")).toBe("Paling kecil 5.");
    // a name the palette already shows translated passes through
    expect(idLookup("Remove Kolom teks")).toBe("Hapus Kolom teks");
    // an exact entry wins over a template that would match it
    expect(idLookup("Remove form field")).toBe("Hapus kolom formulir");
    expect(enLookup("Remove Text field")).toBe("Remove Text field");
  });

  it("keep the whitespace around a text node's words", () => {
    expect(translateSpaced("  Key\n", idLookup)).toBe("  Kunci\n");
    expect(translateSpaced(" ", idLookup)).toBe(" ");
    expect(translateSpaced("Kunci utama", idLookup)).toBe("Kunci utama");
  });

  it("have the same entries in Bahasa Indonesia and English, none empty", () => {
    for (const section of ["formJs", "formJsViewer"] as const) {
      expect(Object.keys(id[section]).sort()).toEqual(Object.keys(en[section]).sort());
      const empty = [...Object.values(id[section]), ...Object.values(en[section])].filter((v) => v.trim() === "");
      expect(empty).toEqual([]);
    }
  });

  it("are all translated, templates keeping their placeholders", () => {
    const dict = id.formJs as Record<string, string>;
    // names and symbols that Bahasa Indonesia writes the same way
    const same = new Set(["ID", "URL", "iFrame", "Label"]);
    expect(Object.keys(dict).length).toBeGreaterThan(200);
    expect(Object.entries(dict).filter(([key, value]) => key === value && !same.has(key))).toEqual([]);
    const placeholders = (text: string) => [...text.matchAll(/{(\w+)}/g)].map((m) => m[1]).sort();
    const broken = Object.entries(dict).filter(
      ([key, value]) => String(placeholders(key)) !== String(placeholders(value)),
    );
    expect(broken).toEqual([]);
  });
});

describe("translated form field registry", () => {
  /** The registry shape form-js' FormFields has (a map of components with a static config). */
  function registry() {
    const textfield = Object.assign((props: { label: string }) => `<input aria-label="${props.label}">`, {
      config: { type: "textfield", keyed: true, name: "Text field", label: undefined as string | undefined },
    });
    // a choice field's create, as form-js 1.23 writes it: default label and one default option
    const radio = Object.assign(() => "<fieldset>", {
      config: {
        type: "radio",
        name: "Radio group",
        create: (options: Record<string, unknown> = {}) => ({
          label: "Radio group",
          values: [{ label: "Value", value: "value" }],
          ...options,
        }),
      },
    });
    const group = Object.assign(() => "<fieldset>", {
      config: { type: "group", keyed: false, label: null, name: "Group" },
    });
    const fields: Record<string, unknown> = { textfield, group, radio };
    return {
      originals: { textfield, group, radio },
      formFields: {
        _formFields: fields as Record<string, { config: { name?: string; label?: string | null } }>,
        register(type: string, field: unknown) {
          fields[type] = field;
        },
        get(type: string) {
          return fields[type] as typeof textfield;
        },
      },
    };
  }

  it("names every field type and its default label in the current language, the component unchanged", () => {
    // given form-js' registry
    const { formFields, originals } = registry();

    // when the module is initialised the way didi does it
    const module = translatedFormFieldsModule((text) => idLookup(text) ?? text);
    const [, Type] = module.alurTranslatedFormFields;
    new Type(formFields);

    // then the palette and the field factory read translated names
    const textfield = formFields.get("textfield");
    expect(textfield.config.name).toBe("Kolom teks");
    expect(textfield.config.keyed).toBe(true);
    expect((formFields.get("group") as unknown as typeof originals.group).config).toMatchObject({
      name: "Grup",
      label: null,
    });
    // and the field still renders as itself; form-js' own config is untouched
    expect(textfield({ label: "NIK" })).toBe('<input aria-label="NIK">');
    expect(originals.textfield.config.name).toBe("Text field");
  });

  it("writes a new field's default texts in the current language, never what was given", () => {
    // given the translated registry
    const { formFields } = registry();
    const [, Type] = translatedFormFieldsModule((text) => idLookup(text) ?? text).alurTranslatedFormFields;
    new Type(formFields);
    type Create = (options?: Record<string, unknown>) => Record<string, unknown>;
    const { create } = (formFields.get("radio") as unknown as { config: { create: Create } }).config;

    // when a new field is created, and when a saved one is read back
    const created = create({ type: "radio" });
    const saved = create({ type: "radio", label: "Value", values: [{ label: "Required", value: "required" }] });

    // then the defaults are Indonesian, the option's value untouched, and the saved texts as saved
    expect(created).toMatchObject({ label: "Pilihan ganda", values: [{ label: "Nilai", value: "value" }] });
    expect(saved).toMatchObject({ label: "Value", values: [{ label: "Required", value: "required" }] });
  });
});
