import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure, no servers, parallel) and `integration` (real Temporal and
 * PostgreSQL servers, one of each per run, started in runtime/src/testing/global-setup.ts; files run one at a
 * time because a 2-core CI cannot afford more).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "{shared,runtime,workflows,designer}/src/**/*.test.ts",
            "{shared,runtime,workflows}/test/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          testTimeout: 20_000,
          // Unit files that open an in-memory PGlite in beforeAll need seconds on a loaded 2-core CI
          // (they timed out at the 10 s default at load 11); a hook that truly hangs still fails.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["{shared,runtime,workflows}/{src,test}/**/*.int.test.ts"],
          globalSetup: ["runtime/src/testing/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
