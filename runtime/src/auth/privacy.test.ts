import { PURGED_VALUE } from "@alur/shared/schemas";
import { describe, expect, it } from "vitest";
import type { Principal } from "./principal";
import { canSeeDocument, hiddenFields, parsePrivacy, purgeApplicant, purgePersonal, redact } from "./privacy";

const privacy = {
  sensitive: true,
  fields: { nik: ["sakti-peksos"], laporanSosial: ["sakti-peksos", "kepala-dinas"] },
  documents: { skck: ["sakti-peksos"] },
};

function principal(roles: string[], extra: Partial<Principal> = {}): Principal {
  return {
    userId: "u",
    username: "u",
    displayName: "U",
    orgUnitId: "3216",
    district: "3216",
    roles,
    isSuperAdmin: false,
    isDistrictAdmin: false,
    isHead: false,
    actingRoles: [],
    mustChangePassword: false,
    sso: false,
    ...extra,
  };
}

describe("personal-data rules", () => {
  it("hides each restricted field from roles not listed, admins and heads included", () => {
    expect([...hiddenFields(privacy, principal(["sakti-peksos"]))]).toEqual([]);
    expect([...hiddenFields(privacy, principal(["kepala-dinas"], { isHead: true }))]).toEqual(["nik"]);
    expect([...hiddenFields(privacy, principal(["super-admin"], { isSuperAdmin: true }))]).toEqual([
      "nik",
      "laporanSosial",
    ]);
    expect(hiddenFields(undefined, principal([])).size).toBe(0);
  });

  it("lets only listed roles see a restricted document; other documents stay visible", () => {
    expect(canSeeDocument(privacy, principal(["sakti-peksos"]), "skck")).toBe(true);
    expect(canSeeDocument(privacy, principal(["back-office"]), "skck")).toBe(false);
    expect(canSeeDocument(privacy, principal(["back-office"]), "ktp")).toBe(true);
    expect(canSeeDocument(privacy, principal(["back-office"]), null)).toBe(true);
  });

  it("redacts hidden keys at any depth, in arrays too, and leaves the rest", () => {
    const value = { nik: "1", nested: { nik: "2", ok: 1 }, list: [{ laporanSosial: "x", tanggal: "y" }], n: null };
    expect(redact(value, new Set(["nik", "laporanSosial"]))).toEqual({
      nested: { ok: 1 },
      list: [{ tanggal: "y" }],
      n: null,
    });
    expect(redact(value, new Set())).toBe(value);
  });

  it("replaces, given a replacement, the hidden keys' values instead of leaving the keys out", () => {
    const value = { nik: "1", nested: { nik: { deep: "2" }, ok: 1 }, list: [{ nik: "3" }] };
    expect(redact(value, new Set(["nik"]), "x")).toEqual({
      nik: "x",
      nested: { nik: "x", ok: 1 },
      list: [{ nik: "x" }],
    });
  });

  it("purges the restricted fields and the applicant wherever they appear, and keeps the rest", () => {
    const held = { applicant: { name: "A", nik: "1" }, data: { laporanSosial: "x", tanggal: "2026-11-01" }, nik: "1" };
    expect(purgePersonal(held, privacy)).toEqual({
      applicant: PURGED_VALUE,
      data: { laporanSosial: PURGED_VALUE, tanggal: "2026-11-01" },
      nik: PURGED_VALUE,
    });
    // a service without rules still holds an applicant
    expect(purgePersonal({ applicant: { name: "A" }, ok: 1 }, undefined)).toEqual({ applicant: PURGED_VALUE, ok: 1 });
    expect(purgeApplicant({ name: "A", nik: "1" })).toEqual({ name: PURGED_VALUE, nik: PURGED_VALUE });
  });

  it("reads stored rules; rules that no longer parse count as sensitive, none as none", () => {
    expect(parsePrivacy(privacy)).toEqual(privacy);
    expect(parsePrivacy({ sensitive: "yes" })).toEqual({ sensitive: true, fields: {}, documents: {} });
    expect(parsePrivacy(null)).toBeUndefined();
  });
});
