/** The scenario files of the catalogue (<slug>/scenarios/*.json), as the generator writes them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CatalogueScenario } from "@alur/shared/scenario";
import { z } from "zod";
import { WORKFLOWS_DIR } from "../index";

/** A scenario file: the scenario with the model it runs (path under workflows/) and its district. */
export type ScenarioFile = CatalogueScenario;

/**
 * Every scenario file with its path under workflows/, sorted by service and name; read with the
 * one scenario schema, so a file that `alur simulate` would refuse fails here by name.
 */
export function scenarioFiles(root: string = WORKFLOWS_DIR): Array<{ path: string; scenario: ScenarioFile }> {
  const out: Array<{ path: string; scenario: ScenarioFile }> = [];
  for (const slug of readdirSync(root).sort()) {
    const dir = join(root, slug, "scenarios");
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".json"));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const path = `${slug}/scenarios/${name}`;
      const parsed = CatalogueScenario.safeParse(JSON.parse(readFileSync(join(dir, name), "utf8")));
      if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
      out.push({ path, scenario: parsed.data });
    }
  }
  return out;
}
