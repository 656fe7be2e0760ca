#!/usr/bin/env node
// The `alur` command line. The commands a model author runs in a loop come from a pre-built bundle
// (dist/cli, `npm run build`) when it is as new as the sources it was built from; everything else,
// and any command while the bundle is missing or stale, runs the TypeScript sources through tsx so
// the repo needs no build step for its tools. ALUR_CLI_TRACE=1 says on stderr which path ran.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const RUNTIME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const [name = "", ...rest] = argv;

if (name === "--version" || name === "-v") {
  const pkg = JSON.parse(readFileSync(path.join(RUNTIME, "package.json"), "utf8"));
  console.log(`alur ${pkg.version}`);
} else {
  const dist = process.env.ALUR_CLI_DIST ? path.resolve(process.env.ALUR_CLI_DIST) : path.join(RUNTIME, "dist", "cli");
  const quick = fresh(dist) ? await import(pathToFileURL(path.join(dist, "quick.mjs")).href) : undefined;
  if (quick?.QUICK_COMMANDS.includes(name)) {
    trace("bundle");
    process.exitCode = await quick.runQuick(name, rest);
  } else {
    trace("sources");
    const { register } = await import("tsx/esm/api");
    register();
    const { main } = await import("../src/cli/main.ts");
    process.exitCode = await main(argv);
  }
}

/** True when the bundle exists and none of the files it was built from changed since. */
function fresh(dir) {
  const manifest = path.join(dir, "inputs.json");
  if (!existsSync(manifest)) return false;
  try {
    const inputs = JSON.parse(readFileSync(manifest, "utf8"));
    return Object.entries(inputs).every(
      ([file, { mtime, sha1 }]) =>
        statSync(file).mtimeMs === mtime || createHash("sha1").update(readFileSync(file)).digest("hex") === sha1,
    );
  } catch {
    return false;
  }
}

function trace(which) {
  if (process.env.ALUR_CLI_TRACE) console.error(`alur: running from ${which}`);
}
