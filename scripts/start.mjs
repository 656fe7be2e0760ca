// `npm start` (and `npm run dev` with --dev): install what is missing, build, then run Alur.
// Ctrl-C stops every process started here; data stays under data/.
import { spawn } from "node:child_process";
import { ALUR, elapsed, ensureNpmDependencies, fail, ROOT, run } from "./lib.mjs";

const dev = process.argv.includes("--dev");
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
const started = Date.now();

await ensureNpmDependencies();
if (!process.env.TEMPORAL_ADDRESS) {
  if ((await run(process.execPath, [ALUR, "setup"])) !== 0) fail("Could not install the Temporal CLI (see above).");
}
if (!dev) {
  console.log("» building the web app");
  if ((await run("npx", ["turbo", "run", "build", "--output-logs=errors-only"])) !== 0)
    fail("Build failed (see above).");
}
console.log(`» ready to start after ${elapsed(started)}`);

const children = [];
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

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  });
}

if (dev) {
  launch("npx", ["tsx", "watch", "--clear-screen=false", "runtime/src/cli/main.ts", "serve", "--dev"], {
    LOG_PRETTY: "1",
  });
  launch("npx", ["vite", "--config", "designer/vite.config.ts", "designer"]);
} else {
  launch(process.execPath, [ALUR, "serve"]);
}
