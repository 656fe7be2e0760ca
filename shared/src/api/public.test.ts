import { describe, expect, it } from "vitest";
import { ApplicantContact } from "./public";

describe("ApplicantContact", () => {
  it("keeps Indonesian mobile numbers as E.164, however they are written", () => {
    for (const written of ["0812-3456-7890", "0812 3456 7890", "62812.3456.7890", "+6281234567890"]) {
      expect(ApplicantContact.parse({ phone: written }).phone).toBe("+6281234567890");
    }
  });

  it("refuses a number that is not an Indonesian mobile, a bad email, and neither given", () => {
    expect(ApplicantContact.safeParse({ phone: "12345" }).success).toBe(false);
    expect(ApplicantContact.safeParse({ phone: "021 555 1234" }).success).toBe(false);
    expect(ApplicantContact.safeParse({ email: "bukan-email" }).success).toBe(false);
    expect(ApplicantContact.safeParse({}).success).toBe(false);
  });

  it("lower-cases the email, so a limit per address counts it once", () => {
    expect(ApplicantContact.parse({ email: " Siti@Contoh.Test " }).email).toBe("siti@contoh.test");
  });
});
