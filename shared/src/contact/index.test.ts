import { describe, expect, it } from "vitest";
import { indonesianMobile } from ".";

describe("indonesianMobile", () => {
  it("reads a mobile number however it is written, as E.164", () => {
    for (const written of [
      " 0812-3456-7890 ",
      "0812 3456 7890",
      "(0812) 3456.7890",
      "62812 3456 7890",
      "+6281234567890",
    ]) {
      expect(indonesianMobile(written)).toBe("+6281234567890");
    }
  });

  it("refuses a landline, a short number and another country's", () => {
    for (const written of ["021 555 1234", "0812345", "+6581234567", "08123456789012345", "nomor"]) {
      expect(indonesianMobile(written)).toBeNull();
    }
  });
});
