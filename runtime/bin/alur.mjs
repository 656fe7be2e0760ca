#!/usr/bin/env node
// The `alur` command line. Runs the TypeScript sources through tsx so the repo needs no build step
// for its tools.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
