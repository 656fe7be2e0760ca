/** `alur serve`: runs the API, web app and worker (and in embedded mode Temporal and PGlite). */
import { loadEnv } from "../../env";
import { startServer } from "../../server";
import type { Command } from "../command";

const serveCommand: Command = {
  summary: "run Alur: API + web app + worker on one port (embedded Temporal and PGlite by default)",
  usage: [
    "Usage: alur serve [--api] [--worker] [--dev]",
    "",
    "Without flags runs the API, the web app and the worker. --api or --worker runs only that role",
    "(scale-out: several processes against one Temporal cluster and one PostgreSQL).",
    "Settings come from the environment: see the README (PORT, DATABASE_URL, TEMPORAL_ADDRESS, ...).",
  ].join("\n"),
  async run(args) {
    const env = loadEnv();
    const onlyApi = args.includes("--api");
    const onlyWorker = args.includes("--worker");
    const api = onlyApi || !onlyWorker;
    const worker = onlyWorker || !onlyApi;
    const server = await startServer({ env, api, worker, dev: args.includes("--dev") });
    const lines = [
      "",
      "  Alur is running",
      api ? `  Web app         ${server.url}/` : null,
      api ? `  API             ${server.url}/api` : null,
      api ? `  API docs        ${server.url}/api/docs` : null,
      server.temporalUiUrl
        ? `  Temporal Web UI ${server.temporalUiUrl}`
        : `  Temporal        ${server.temporalAddress}`,
      "  Stop with Ctrl-C; data stays under data/.",
      "",
    ].filter((l): l is string => l !== null);
    console.log(lines.join("\n"));
    // Ctrl-C in a terminal signals the whole process group, and `npm start` forwards it as well:
    // a second signal must not kill the process by default while it is closing the database.
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
    });
    console.log("Stopping Alur…");
    await server.stop();
    return 0;
  },
};
export default serveCommand;
