/**
 * The commands a model author runs in a loop (validate, compile, export-standard, due, districts),
 * as one pre-built bundle: `bin/alur.mjs` loads it instead of compiling the TypeScript sources with
 * tsx at every start when it is as new as the sources it was built from (runtime/scripts/build-cli.mjs).
 * Commands that start servers or the Temporal SDK stay on the source path.
 */
import { type Command, runCommand } from "./command";

const QUICK: Record<string, () => Promise<{ default: Command }>> = {
  compile: () => import("./commands/compile"),
  districts: () => import("./commands/districts"),
  due: () => import("./commands/due"),
  "export-standard": () => import("./commands/export-standard"),
  validate: () => import("./commands/validate"),
};

/** Names of the commands the bundle serves. */
export const QUICK_COMMANDS = Object.keys(QUICK);

/** Runs a quick command; `bin/alur.mjs` calls this only with a name from QUICK_COMMANDS. */
export async function runQuick(name: string, rest: string[]): Promise<number> {
  const load = QUICK[name];
  if (!load) throw new Error(`not a quick command: ${name}`);
  return runCommand(name, (await load()).default, rest);
}
