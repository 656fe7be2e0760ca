// How `npm test` counts a vitest JSON report. Plain Node, no dependencies.

/**
 * Passed and failed tests of a vitest JSON report. A file that failed outside its tests (an import
 * error, a timed-out beforeAll hook) leaves its tests "skipped" and adds nothing to numFailedTests:
 * each such test counts as failed here (the file itself when it has none), so the summary line never
 * says 0 failed while tests did not run.
 */
export function countReport(report) {
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    const failedHere = results.filter((a) => a.status === "failed").length;
    passed += results.filter((a) => a.status === "passed").length;
    failed += failedHere;
    if (file.status === "failed" && failedHere === 0) {
      failed += Math.max(1, results.filter((a) => a.status !== "passed" && a.status !== "todo").length);
    }
  }
  return { passed, failed };
}
