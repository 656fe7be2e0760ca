// Runs `temporal server start-dev` so that it cannot outlive `alur serve`: Node has no
// PR_SET_PDEATHSIG, so the server's parent is this small guard, which reads a pipe from `alur
// serve` on stdin. The kernel closes that pipe whenever `alur serve` ends, SIGKILL included;
// the guard then stops the server. It also writes the server's pid file, which the next start
// uses to find and stop a server left over by a run whose guard died too.
//
// Usage: node dev-server-guard.mjs <pid-file> <temporal-cli> <args...>
// Plain JavaScript without dependencies: started with `node` alone, no tsx, in a few ms.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";

const [pidFile, cli, ...args] = process.argv.slice(2);
if (!pidFile || !cli) {
  console.error("usage: dev-server-guard.mjs <pid-file> <temporal-cli> <args...>");
  process.exit(2);
}

const server = spawn(cli, args, { stdio: ["ignore", "inherit", "inherit"] });
server.once("error", (error) => {
  console.error(`could not start ${cli}: ${error.message}`);
  process.exit(1);
});
if (server.pid) {
  writeFileSync(pidFile, `${JSON.stringify({ pid: server.pid, guard: process.pid, cli, args })}\n`);
}

let stopping = false;
function stop(signal) {
  if (stopping || server.exitCode !== null || server.signalCode !== null) return;
  stopping = true;
  server.kill(signal);
  // a server that ignores SIGTERM is killed; unref'd so a prompt exit is not delayed
  setTimeout(() => server.kill("SIGKILL"), 10_000).unref();
}

// `alur serve` never writes here: end of file means it is gone (or closed the pipe to stop us).
process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop("SIGTERM"));

server.once("exit", (code, signal) => {
  rmSync(pidFile, { force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
