import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import id from "../../i18n/id.json";
import { checkLegalBasis, legalBasisInput, toLegalBasis } from "./legal-basis-input";

const perbup = {
  kind: "Perbup",
  number: "17",
  year: "2026",
  title: "Standar Pelayanan Pengangkatan Anak",
  link: "",
  effectiveFrom: "2026-12-07",
};

function lookup(dictionary: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dictionary);
}

describe("legal basis input", () => {
  it("turns a complete Perbup into the shared legal basis", () => {
    // given a regent regulation as an admin enters it
    // when it is checked and converted
    // then it has no problems and becomes the schema's LegalBasis (year as a number, no empty link)
    expect(checkLegalBasis(perbup)).toEqual({});
    expect(toLegalBasis(perbup)).toEqual({
      kind: "Perbup",
      number: "17",
      year: 2026,
      title: "Standar Pelayanan Pengangkatan Anak",
    });
  });

  it("names each field's problem with a message in both languages", () => {
    // given an input with every field wrong
    const errors = checkLegalBasis({
      kind: " ",
      number: "",
      year: "26",
      title: "",
      link: "jdih.bekasikab",
      effectiveFrom: "2026-02-30",
    });
    // then each field has its own problem, and each message exists in Indonesian and English
    expect(Object.keys(errors).sort()).toEqual(["effectiveFrom", "kind", "link", "number", "title", "year"]);
    for (const problem of Object.values(errors)) {
      expect(typeof lookup(id, problem.key), problem.key).toBe("string");
      expect(typeof lookup(en, problem.key), problem.key).toBe("string");
    }
    expect(toLegalBasis({ ...perbup, number: "" })).toBeNull();
  });

  it("refuses an effective date before the regulation's year", () => {
    // given a 2026 Perbup said to apply from 2025
    const errors = checkLegalBasis({ ...perbup, effectiveFrom: "2025-12-31" });
    // then the date is the problem, with the year in the message
    expect(errors.effectiveFrom).toEqual({ key: "legalBasis.error.dateBeforeYear", values: { year: "2026" } });
  });

  it("starts from the recorded basis, else a Perbup of this year from today", () => {
    // given a recorded decree with a link, and no record at all
    const recorded = legalBasisInput(
      {
        kind: "Keputusan Kepala Dinas",
        number: "OR.02/2308/DINSOS/2023",
        year: 2023,
        title: "SP",
        link: "https://x.go.id/a",
      },
      "2023-11-06",
      "2026-12-02",
    );
    // then the recorded one is proposed as it is (link kept), the blank one as a Perbup of today
    expect(recorded).toEqual({
      kind: "Keputusan Kepala Dinas",
      number: "OR.02/2308/DINSOS/2023",
      year: "2023",
      title: "SP",
      link: "https://x.go.id/a",
      effectiveFrom: "2023-11-06",
    });
    expect(legalBasisInput(null, null, "2026-12-02")).toEqual({
      kind: "Perbup",
      number: "",
      year: "2026",
      title: "",
      link: "",
      effectiveFrom: "2026-12-02",
    });
  });
});
