import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
const t0 = performance.now();
const lap = (w: string) => console.error(w, Math.round(performance.now() - t0));
const f = "/tmp/alur-pg-dump.tar";
if (!existsSync(f)) { const a = new PGlite(); await a.waitReady; lap("bare"); writeFileSync(f, new Uint8Array(await (await a.dumpDataDir("none")).arrayBuffer())); lap("dumped"); }
else { const b = new PGlite({ loadDataDir: new Blob([readFileSync(f)]) }); await b.waitReady; lap("loaded"); }
