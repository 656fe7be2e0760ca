import { describe, expect, it } from "vitest";
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash, trackingCodeMatches } from "./tracking-code";

describe("tracking codes", () => {
  it("are three groups of four Crockford characters, different every time", () => {
    // given a thousand new codes
    const codes = Array.from({ length: 1000 }, newTrackingCode);
    // then each has the shape and none repeats
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("match when typed in lower case, without dashes, with O for 0 and l for 1", () => {
    // given a case and its code
    const hash = trackingCodeHash("case-1", "K0QF-21XA-9CPD");
    // when typed loosely, then it matches
    expect(normalizeTrackingCode(" k0qf 21xa-9cpd ")).toBe("K0QF21XA9CPD");
    expect(trackingCodeMatches("case-1", hash, "koqf-2lxa-9cpd")).toBe(true);
  });

  it("do not match another case, another code, a missing case or a case without a code", () => {
    const hash = trackingCodeHash("case-1", "K0QF-21XA-9CPD");
    expect(trackingCodeMatches("case-2", hash, "K0QF-21XA-9CPD")).toBe(false);
    expect(trackingCodeMatches("case-1", hash, "K0QF-21XA-9CPE")).toBe(false);
    expect(trackingCodeMatches(undefined, undefined, "K0QF-21XA-9CPD")).toBe(false);
    expect(trackingCodeMatches("case-1", null, "K0QF-21XA-9CPD")).toBe(false);
  });
});
