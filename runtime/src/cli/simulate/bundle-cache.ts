/**
 * The workflow bundle of `alur simulate`, cached by content: bundling the workflow code takes
 * 5-6 s, more than a warm simulation, and it only changes when the sources it is built from (the
 * workflow adapter, the engine, @alur/shared), the bundling options or the dependencies do. The
 * key hashes those files, package-lock.json and the SDK version; a stale key is never reused.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleWorkflowCode } from "@temporalio/worker";
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from "../../temporal/worker";

const RUNTIME_SRC = path.resolve(import.meta.dirname, "../..");
const REPO = path.resolve(RUNTIME_SRC, "../..");
/** What the workflow bundle is built from: everything workflow code may import of ours. */
const SOURCE_DIRS = [
  path.join(RUNTIME_SRC, "temporal"),
  path.join(RUNTIME_SRC, "engine"),
  path.join(REPO, "shared", "src"),
];

/** Where bundles are kept: ALUR_CACHE_DIR, else the OS temporary directory. */
export function bundleCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ALUR_CACHE_DIR ? path.resolve(env.ALUR_CACHE_DIR) : path.join(tmpdir(), "alur-cache");
}

/** The cache key: a hash of the workflow sources, the bundling options, the lock file and the SDK version. */
function workflowBundleKey(): string {
  const hash = createHash("sha256");
  const sdk = createRequire(import.meta.url)("@temporalio/worker/package.json") as { version: string };
  hash.update(`sdk ${sdk.version}\n${JSON.stringify(WORKFLOW_BUNDLE_OPTIONS)}\n`);
  const lock = path.join(REPO, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(dir)) {
      hash.update(`\n${path.relative(REPO, file)}\n`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest("hex").slice(0, 32);
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.test\.ts$/.test(e.name) && !e.parentPath.includes("histories"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The bundle file for the current sources, built and stored on a miss; says whether it was cached. */
export async function cachedWorkflowBundle(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ codePath: string; cached: boolean }> {
  const dir = bundleCacheDir(env);
  const codePath = path.join(dir, `workflow-bundle-${workflowBundleKey()}.js`);
  if (existsSync(codePath)) return { codePath, cached: true };
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    ...WORKFLOW_BUNDLE_OPTIONS,
  });
  mkdirSync(dir, { recursive: true });
  // written aside and renamed: a concurrent run never reads half a bundle
  const partial = `${codePath}.${process.pid}.partial`;
  writeFileSync(partial, bundle.code);
  renameSync(partial, codePath);
  return { codePath, cached: false };
}
