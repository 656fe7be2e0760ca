// Bundles the quick CLI commands (src/cli/quick.ts) into dist/cli/ with esbuild, and records the
// source files it was built from so bin/alur.mjs can tell a stale bundle from a fresh one.
// `node scripts/build-cli.mjs [outdir]`; run by `npm run build` (turbo).
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const RUNTIME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Builds the bundle into `outdir`; resolves to the number of source files it depends on. */
export async function buildCli(outdir = path.join(RUNTIME, "dist", "cli")) {
  const result = await build({
    absWorkingDir: RUNTIME,
    entryPoints: { quick: "src/cli/quick.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    // CommonJS dependencies (bpmnlint, moddle) call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire as __alurRequire } from 'node:module'; const require = __alurRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: "warning",
  });
  // Our own sources only: dependencies change with package-lock.json, which is recorded too.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes("node_modules"))
    .map((file) => path.resolve(RUNTIME, file));
  inputs.push(path.resolve(RUNTIME, "..", "package-lock.json"));
  // The modification time answers quickly; the hash keeps a bundle fresh across a checkout or a
  // restored build cache that touched files without changing them.
  const manifest = Object.fromEntries(
    inputs.map((file) => [file, { mtime: statSync(file).mtimeMs, sha1: sha1(readFileSync(file)) }]),
  );
  writeFileSync(path.join(outdir, "inputs.json"), JSON.stringify(manifest));
  return inputs.length;
}

function sha1(bytes) {
  return createHash("sha1").update(bytes).digest("hex");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
}
