/** `alur simulate` run in process as a test runs a command: stdout and stderr captured, the run's workflow bundle. */
import { inject, vi } from "vitest";
import { runSimulate } from "../cli/commands/simulate";

/** Runs the command with console output captured (restore the spies with `vi.restoreAllMocks()`). */
export async function simulateInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  const code = await runSimulate(args, { workflowBundle: { codePath: inject("workflowBundlePath") } });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
