/**
 * `alur <command> [args]`: each command is a module in ./commands named as the command, loaded on
 * demand so `alur validate` does not pay for the Temporal SDK.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Command, runCommand } from "./command";

const COMMANDS_DIR = path.join(import.meta.dirname, "commands");

function commandNames(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<Command> {
  const mod = (await import(path.join(COMMANDS_DIR, `${name}.ts`))) as { default: Command };
  return mod.default;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    console.log(`alur ${version()}`);
    return 0;
  }
  const names = commandNames();
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const lines = await Promise.all(names.map(async (n) => `  ${n.padEnd(16)} ${(await load(n)).summary}`));
    console.log(
      `alur ${version()}: Alur command line\n\nUsage: alur <command> [options]\n\nCommands:\n${lines.join("\n")}`,
    );
    return 0;
  }
  if (!names.includes(name)) {
    console.error(`alur: unknown command "${name}". Run \`alur --help\` for the list.`);
    return 2;
  }
  return runCommand(name, await load(name), rest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
