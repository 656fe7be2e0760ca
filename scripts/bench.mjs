// `npm run bench -- <name> [options]`: runs bench/<name>.bench.ts (each prints one JSON object).
// Without a name it lists the benchmarks with the first line of their description.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fail, ROOT, run } from "./lib.mjs";

const dir = path.join(ROOT, "bench");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name) {
  console.log("Benchmarks (npm run bench -- <name> [options]; options are in each file's header):");
  for (const n of names) {
    const header = readFileSync(path.join(dir, `${n}.bench.ts`), "utf8").match(/Benchmark: ([^\n]*)/)?.[1] ?? "";
    console.log(`  ${n.padEnd(28)} ${header}`);
  }
  process.exit(0);
}
const file = path.join(dir, `${name}.bench.ts`);
if (!existsSync(file)) fail(`No benchmark "${name}". Known: ${names.join(", ")}`);
process.exit(await run("npx", ["tsx", file, ...args]));
