import { describe, expect, it } from "vitest";
import { filterFromParams, searchFilter, searchText } from "./case-list-filter";

describe("case-list filter", () => {
  it("reads the filter from the address and leaves out what the schema refuses", () => {
    // given an address with good and bad values
    const params = new URLSearchParams("service=adopsi&status=completed,cancelled&sla=late&nik=12&version=2&cursor=x");
    // when it is read
    const filter = filterFromParams(params);
    // then only valid filter keys remain (paging is not part of the filter)
    expect(filter).toEqual({ service: "adopsi", status: "completed,cancelled", version: 2 });
  });

  it("sends 16 digits as NIK, a slash as case number, other text as name", () => {
    expect(searchFilter(" 3216010101010001 ")).toEqual({
      nik: "3216010101010001",
      caseNumber: undefined,
      name: undefined,
    });
    expect(searchFilter("ADP/3216/2026")).toEqual({ nik: undefined, caseNumber: "ADP/3216/2026", name: undefined });
    expect(searchFilter("Siti")).toEqual({ nik: undefined, caseNumber: undefined, name: "Siti" });
    // one letter is no useful name prefix (the API asks for two)
    expect(searchFilter("S").name).toBeUndefined();
    expect(searchText({ caseNumber: "ADP/3216" })).toBe("ADP/3216");
  });
});
