/**
 * Regenerates every catalogue file from the service definitions:
 * `npx tsx workflows/authoring/build.ts`. The sync test fails when a generated file is stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { catalogueManifest, renderService } from "./generate";
import { SERVICES } from "./services";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let count = 0;
for (const def of SERVICES) {
  for (const file of renderService(def)) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    count += 1;
  }
}
writeFileSync(join(root, "catalogue.json"), catalogueManifest(SERVICES));
console.log(`wrote ${count} files for ${SERVICES.length} models`);
