import { describe, expect, it } from "vitest";
import { formatLines, LINE_FORMATS, parseLines } from "./standard-lines";

describe("service-standard lines", () => {
  it("parses legal bases with a numeric year and keeps '|' in the title", () => {
    // given
    const text = "Perbup | 12 | 2023 | Standar Pelayanan | Dinas Sosial\n\nUU | 23 | 2002 | Perlindungan Anak";
    // when
    const items = parseLines(text, LINE_FORMATS.legalBases);
    // then
    expect(items).toEqual([
      { kind: "Perbup", number: "12", year: 2023, title: "Standar Pelayanan | Dinas Sosial" },
      { kind: "UU", number: "23", year: 2002, title: "Perlindungan Anak" },
    ]);
  });

  it("reads optional requirements and round-trips them", () => {
    const items = parseLines("ktp | Fotokopi KTP | wajib\nfoto | Pas foto | opsional", LINE_FORMATS.requirements);
    expect(items[1]).toEqual({ id: "foto", name: "Pas foto", mandatory: false });
    expect(parseLines(formatLines(items, LINE_FORMATS.requirements), LINE_FORMATS.requirements)).toEqual(items);
  });

  it("leaves absent fields out instead of inventing them", () => {
    expect(parseLines("Perbup", LINE_FORMATS.legalBases)).toEqual([{ kind: "Perbup" }]);
    expect(parseLines("UU | 1 | tahun? | X", LINE_FORMATS.legalBases)).toEqual([
      { kind: "UU", number: "1", title: "X" },
    ]);
  });
});
