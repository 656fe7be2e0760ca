import { validateFormData } from "@alur/shared/forms/validate";
import { describe, expect, it } from "vitest";
import { initialValues, simpleFields, submission, textBlocks } from "./simple-form";

const form = {
  type: "default",
  components: [
    { type: "text", text: "# Data anak\n\nIsi sesuai **akta kelahiran**." },
    { type: "textfield", key: "nik", label: "NIK anak", validate: { required: true, pattern: "^[0-9]{16}$" } },
    { type: "number", key: "umur", label: "Umur", validate: { min: 0, max: 18 } },
    { type: "datetime", subtype: "date", key: "lahir", dateLabel: "Tanggal lahir" },
    { type: "checkbox", key: "setuju", label: "Saya setuju", validate: { required: true } },
    {
      type: "select",
      key: "jenjang",
      label: "Jenjang",
      values: [
        { label: "SD", value: "sd" },
        { label: "SMP", value: "smp" },
      ],
    },
    {
      type: "group",
      label: "Orang tua",
      path: "ortu",
      components: [
        { type: "textfield", key: "nama", label: "Nama ibu" },
        { type: "textfield", key: "kode", label: "Kode", readonly: true, defaultValue: "X1" },
      ],
    },
  ],
};

describe("simple start forms", () => {
  it("takes a form of plain fields, with group paths", () => {
    const fields = simpleFields(form);
    expect(fields?.map((f) => f.path)).toEqual(["", "nik", "umur", "lahir", "setuju", "jenjang", "ortu"]);
    expect(fields?.[6]?.components.map((f) => f.path)).toEqual(["ortu.nama", "ortu.kode"]);
    expect(fields?.[1]?.required).toBe(true);
    expect(fields?.[3]?.label).toBe("Tanggal lahir");
  });

  it("leaves to form-js what needs its engine", () => {
    const only = (component: Record<string, unknown>) => simpleFields({ components: [component] });
    expect(only({ type: "textfield", key: "a", label: "A", conditional: { hide: "=b = 1" } })).toBeNull();
    expect(only({ type: "textfield", key: "a", label: "=nama" })).toBeNull();
    expect(only({ type: "text", text: "Halo {{nama}}" })).toBeNull();
    expect(only({ type: "text", text: "Lihat [tautan](https://x.test)" })).toBeNull();
    expect(only({ type: "select", key: "a", label: "A", valuesKey: "pilihan" })).toBeNull();
    expect(only({ type: "datetime", subtype: "datetime", key: "a", label: "A" })).toBeNull();
    expect(only({ type: "dynamiclist", path: "anak", components: [] })).toBeNull();
    expect(only({ type: "filepicker", key: "a", label: "A" })).toBeNull();
    expect(only({ type: "textfield", key: "a", label: "A", readonly: "=true" })).toBeNull();
    expect(only({ type: "textfield", key: "a", label: "A", validate: { pattern: "(" } })).toBeNull();
    expect(only({ type: "textfield", label: "no key" })).toBeNull();
    expect(simpleFields({ components: "none" })).toBeNull();
  });

  it("starts with the defaults and sends the editable, filled-in fields under their paths", () => {
    const fields = simpleFields(form) ?? [];
    const values = initialValues(fields);
    expect(values).toEqual({ setuju: false, "ortu.kode": "X1" });
    const data = submission(fields, { ...values, nik: "3216015505100003", umur: 9, "ortu.nama": "Sri", lahir: "" });
    expect(data).toEqual({ nik: "3216015505100003", umur: 9, setuju: false, ortu: { nama: "Sri" } });
  });

  it("is checked by the server's rules: what it sends is what the API takes or refuses", () => {
    const fields = simpleFields(form) ?? [];
    const good = submission(fields, { nik: "3216015505100003", setuju: true, jenjang: "sd" });
    expect(validateFormData(form, good)).toEqual({ ok: true, data: good });
    const bad = validateFormData(form, submission(fields, { nik: "123", setuju: false, umur: 30 }));
    expect(bad.ok ? [] : bad.errors.map((e) => [e.path, e.message.id])).toEqual([
      ["nik", "NIK anak tidak sesuai format."],
      ["umur", "Umur maksimal 18."],
      ["setuju", "Saya setuju wajib dicentang."],
    ]);
  });

  it("reads headings, paragraphs and lists of a text block", () => {
    expect(textBlocks("# Syarat\nBawa berkas\nasli.\n\n- KTP\n- KK")).toEqual([
      { kind: "heading", text: "Syarat" },
      { kind: "paragraph", text: "Bawa berkas asli." },
      { kind: "list", items: ["KTP", "KK"] },
    ]);
  });
});
