import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without type declarations
import { countReport } from "../../scripts/test-report.mjs";

describe("npm test's summary count", () => {
  it("counts the tests of a file whose beforeAll failed as failed, not as 0 failed", () => {
    // given: what vitest's JSON reporter wrote for a file whose beforeAll hook timed out
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      testResults: [
        { status: "passed", assertionResults: [{ status: "passed" }, { status: "passed" }, { status: "passed" }] },
        {
          status: "failed",
          message: "Hook timed out in 10000ms",
          assertionResults: [{ status: "skipped" }, { status: "skipped" }],
        },
      ],
    };
    // then
    expect(countReport(report)).toEqual({ passed: 3, failed: 2 });
  });

  it("counts a file that failed to load (no tests collected) as one failure", () => {
    const report = { testResults: [{ status: "failed", message: "Cannot find module", assertionResults: [] }] };
    expect(countReport(report)).toEqual({ passed: 0, failed: 1 });
  });

  it("counts failed tests once and ignores todo tests", () => {
    const report = {
      testResults: [
        { status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }, { status: "todo" }] },
      ],
    };
    expect(countReport(report)).toEqual({ passed: 1, failed: 1 });
  });
});
