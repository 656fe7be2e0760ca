// `npm start` (and `npm run dev` with --dev): install what is missing, build, then run Alur.
// Ctrl-C, or SIGINT/SIGTERM sent to this process alone (what a supervisor does), stops every
// process started here; data stays under data/.
import { spawn } from "node:child_process";
import path from "node:path";
import { ALUR, elapsed, ensureNpmDependencies, fail, ROOT, run } from "./lib.mjs";

const dev = process.argv.includes("--dev");
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
const started = Date.now();

const children = [];
let stopping = false;
/**
 * Asks every child still running to stop (SIGTERM: the one signal each of them, turbo's npm
 * wrapper included, handles by stopping); this process exits when they have.
 */
function stopAll() {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  // nothing running yet (or any more): no reason to stay
  if (!children.some((c) => c.exitCode === null && c.signalCode === null)) process.exit(130);
}
// Installed before the first child: a signal during install or build must not leave it orphaned.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stopAll);
// A parent that dies without a signal to us (npm itself killed with SIGKILL) leaves us adopted
// by another process: stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent && !stopping) stopAll();
}, 1000).unref();

function failUnlessStopping(message) {
  if (stopping) process.exit(130);
  fail(message);
}

// node itself runs each tool, not npx: npx starts a shell that would not pass signals on
const bin = (file) => path.join(ROOT, "node_modules", file);

/** Runs a set-up step as a child that the signal handlers above reach too. */
function step(command, args) {
  return run(command, args, { onSpawn: (child) => children.push(child) });
}

await ensureNpmDependencies((child) => children.push(child));
if (!process.env.TEMPORAL_ADDRESS) {
  if ((await step(process.execPath, [ALUR, "setup"])) !== 0)
    failUnlessStopping("Could not install the Temporal CLI (see above).");
}
if (!dev) {
  console.log("» building the web app");
  if ((await step(process.execPath, [bin("turbo/bin/turbo"), "run", "build", "--output-logs=errors-only"])) !== 0)
    failUnlessStopping("Build failed (see above).");
}
if (stopping) process.exit(130);
console.log(`» ready to start after ${elapsed(started)}`);

function launch(command, args, env = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  children.push(child);
  child.once("exit", (code) => {
    // one process gone means the whole stack is gone: stop the others too
    for (const other of children) if (other !== child && other.exitCode === null) other.kill("SIGTERM");
    process.exitCode = code ?? 0;
  });
  return child;
}

if (dev) {
  launch(
    process.execPath,
    [bin("tsx/dist/cli.mjs"), "watch", "--clear-screen=false", "runtime/src/cli/main.ts", "serve", "--dev"],
    { LOG_PRETTY: "1" },
  );
  launch(process.execPath, [bin("vite/bin/vite.js"), "--config", "designer/vite.config.ts", "designer"]);
} else {
  launch(process.execPath, [ALUR, "serve"]);
}
