import { describe, expect, it } from "vitest";
import { checkFormSchema } from "./schema-check";

const codes = (schema: unknown) => checkFormSchema(schema).map((p) => p.code);

describe("form schema check", () => {
  it("accepts a form whose fields each have their own key", () => {
    // given / when / then
    expect(
      checkFormSchema({
        components: [
          { type: "text", text: "# Verifikasi" },
          { type: "textfield", key: "hasil", label: "Hasil verifikasi", validate: { required: true } },
          { type: "group", path: "pemohon", components: [{ type: "textfield", key: "hasil", label: "Hasil" }] },
          { type: "dynamiclist", path: "anggota", components: [{ type: "textfield", key: "nama" }] },
        ],
      }),
    ).toEqual([]);
  });

  it("refuses an empty form, in both languages", () => {
    const [problem] = checkFormSchema({ type: "default", components: [] });
    expect(problem?.code).toBe("form-empty");
    expect(problem?.message.id).toMatch(/kosong/);
    expect(problem?.message.en).toMatch(/empty/);
  });

  it("refuses two fields with the same key, naming both", () => {
    // given
    const schema = {
      components: [
        { type: "textfield", key: "hasil", label: "Hasil verifikasi" },
        { type: "group", components: [{ type: "select", key: "hasil", label: "Keputusan" }] },
      ],
    };
    // when
    const problems = checkFormSchema(schema);
    // then a group without a path does not scope its fields
    expect(problems.map((p) => p.code)).toEqual(["form-duplicate-key"]);
    expect(problems[0]?.message.id).toContain('"Hasil verifikasi" dan "Keputusan"');
  });

  it("refuses an input field without a key and anything that is not a form", () => {
    expect(codes({ components: [{ type: "number", label: "Jumlah" }] })).toEqual(["form-field-without-key"]);
    expect(codes(null)).toEqual(["form-invalid"]);
    expect(codes({ components: "x" })).toEqual(["form-invalid"]);
  });
});
