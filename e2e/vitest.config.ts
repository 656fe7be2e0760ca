import { defineConfig } from "vitest/config";

/** Browser journeys: one Alur server (embedded mode, fresh data dir) and one Chromium per run. */
export default defineConfig({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["src/**/*.e2e.ts"],
    globalSetup: ["src/setup/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
