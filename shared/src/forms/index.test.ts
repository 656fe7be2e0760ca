import { describe, expect, it } from "vitest";
import { editableSubmission, formDataValidator, notAllowedKeys, validateFormData } from ".";

const form = {
  id: "verifikasi",
  type: "default",
  components: [
    { type: "text", text: "### Verifikasi" },
    { type: "textfield", key: "nik", label: "NIK", validate: { required: true, pattern: "[0-9]{16}" } },
    { type: "textfield", key: "email", label: "Email", validate: { validationType: "email" } },
    { type: "number", key: "penghasilan", label: "Penghasilan", validate: { min: 0, max: 100000000 } },
    { type: "checkbox", key: "lengkap", label: "Berkas lengkap" },
    {
      type: "select",
      key: "keputusan",
      label: "Keputusan",
      values: [
        { label: "Setuju", value: "setuju" },
        { label: "Tolak", value: "tolak" },
      ],
      validate: { required: true },
    },
    {
      type: "textarea",
      key: "alasan",
      label: "Alasan",
      validate: { required: true },
      conditional: { hide: '=keputusan != "tolak"' },
    },
    { type: "datetime", subtype: "date", key: "tanggalKunjungan", label: "Tanggal kunjungan" },
    {
      type: "group",
      path: "pemohon",
      components: [{ type: "textfield", key: "nama", label: "Nama", validate: { required: true } }],
    },
    {
      type: "dynamiclist",
      path: "anggota",
      components: [{ type: "textfield", key: "nama", label: "Nama anggota", validate: { required: true } }],
    },
    { type: "textfield", key: "nomorSurat", label: "Nomor surat", readonly: true },
  ],
};

const valid = {
  nik: "3216012345678901",
  penghasilan: 1500000,
  lengkap: true,
  keputusan: "setuju",
  tanggalKunjungan: "2026-02-03",
  pemohon: { nama: "Siti" },
  anggota: [{ nama: "Budi" }],
};

describe("validateFormData", () => {
  it("accepts valid data: the form's editable fields", () => {
    expect(validateFormData(form, valid)).toEqual({ ok: true, data: valid });
  });

  it("refuses, naming them, keys the form does not have and read-only or hidden fields", () => {
    // given a submission that also tries to set other case variables, a read-only field, a field
    // its condition hides, a key beside a group's field and one inside a list item
    const result = validateFormData(form, {
      ...valid,
      applicant: { name: "Palsu", nik: "3216000000000000" },
      letterNumber: "999/PALSU",
      nomorSurat: "palsu",
      alasan: "disembunyikan",
      pemohon: { nama: "Siti", nik: "3216000000000001" },
      anggota: [{ nama: "Budi", umur: 7 }],
    });

    // then every one of them is refused, by its dotted path, in both languages
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(notAllowedKeys(errors)).toEqual([
      "pemohon.nik",
      "anggota.0.umur",
      "applicant",
      "letterNumber",
      "nomorSurat",
      "alasan",
    ]);
    expect(errors.find((e) => e.path === "letterNumber")?.message).toEqual({
      id: 'Kolom "letterNumber" bukan isian formulir ini atau tidak boleh diubah.',
      en: '"letterNumber" is not an editable field of this form.',
    });
  });

  it("refuses a disabled field and a scalar where the form has a group", () => {
    const small = {
      components: [
        { type: "textfield", key: "kode", label: "Kode", disabled: true },
        { type: "group", path: "pemohon", components: [{ type: "textfield", key: "nama", label: "Nama" }] },
      ],
    };
    const result = validateFormData(small, { kode: "X", pemohon: "Siti" });
    expect(result.ok ? [] : notAllowedKeys(result.errors)).toEqual(["kode", "pemohon"]);
  });

  it("without the case variables, allows a conditional field and does not require it", () => {
    // the API checks before the workflow, which knows the variables, sees the data
    const ignore = { conditions: "ignore" } as const;
    expect(validateFormData(form, { ...valid, keputusan: "tolak" }, {}, ignore).ok).toBe(true);
    expect(validateFormData(form, { ...valid, alasan: "Tidak memenuhi syarat" }, {}, ignore).ok).toBe(true);
    // but the rest is checked as always
    const result = validateFormData(form, { ...valid, alasan: 5, status: "selesai" }, {}, ignore);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["status", "alasan"]);
  });

  it("reports every invalid field with its path, in both languages", () => {
    const result = validateFormData(form, {
      nik: "123",
      email: "bukan-email",
      penghasilan: -5,
      lengkap: "ya",
      keputusan: "mungkin",
      tanggalKunjungan: "2026-13-40",
      pemohon: {},
      anggota: [{ nama: "" }],
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.path)).toEqual([
      "nik",
      "email",
      "penghasilan",
      "lengkap",
      "keputusan",
      "tanggalKunjungan",
      "pemohon.nama",
      "anggota.0.nama",
    ]);
    expect(errors[0]?.message).toEqual({
      id: "NIK tidak sesuai format.",
      en: "NIK does not match the required format.",
    });
    expect(errors[6]?.message.id).toBe("Nama wajib diisi.");
  });

  it("requires a hidden field only when its condition shows it", () => {
    expect(validateFormData(form, { ...valid, keputusan: "tolak" })).toMatchObject({
      ok: false,
      errors: [{ path: "alasan", message: { en: "Alasan is required." } }],
    });
    expect(validateFormData(form, { ...valid, keputusan: "tolak", alasan: "Tidak memenuhi syarat" }).ok).toBe(true);
  });

  it("rejects non-object data and malformed schemas without throwing", () => {
    expect(validateFormData(form, "x").ok).toBe(false);
    expect(validateFormData(null, {}).ok).toBe(false);
    expect(validateFormData({ components: [null, 1, { type: "textfield" }] }, {}).ok).toBe(true);
    const polluting = validateFormData(form, { ...valid, pemohon: { nama: "x" }, ["__proto__"]: { polluted: true } });
    expect(polluting.ok ? [] : notAllowedKeys(polluting.errors)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("editableSubmission", () => {
  it("leaves out what form-js submits but a completion may not set: read-only fields", () => {
    // given what form-js submits: every rendered field, the read-only one included
    const submitted = { ...valid, nomorSurat: "" };

    // then the read-only field is left out and the rest is sent as it is
    expect(editableSubmission(form, submitted)).toEqual(valid);
    expect(validateFormData(form, editableSubmission(form, submitted)).ok).toBe(true);
    expect(submitted.nomorSurat).toBe("");
  });
});

describe("formDataValidator", () => {
  it("is a zod schema returning the form's fields, or issues with both languages", () => {
    const schema = formDataValidator(form);
    expect(schema.parse(valid)).toEqual(valid);
    expect(schema.safeParse({ ...valid, extra: 1 }).error?.issues[0]).toMatchObject({ path: ["extra"] });
    const failed = schema.safeParse({ ...valid, nik: "" });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]).toMatchObject({
      path: ["nik"],
      message: "NIK is required.",
      params: { id: "NIK wajib diisi." },
    });
  });

  it("reads case variables in hide conditions", () => {
    const withContext = {
      components: [
        {
          type: "textfield",
          key: "catatan",
          label: "Catatan",
          validate: { required: true },
          conditional: { hide: "=not(perluCatatan)" },
        },
      ],
    };
    expect(formDataValidator(withContext, { perluCatatan: false }).safeParse({}).success).toBe(true);
    expect(formDataValidator(withContext, { perluCatatan: true }).safeParse({}).success).toBe(false);
  });
});
