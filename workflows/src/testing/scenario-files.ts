/** The scenario files of the catalogue (<slug>/scenarios/*.json), as the generator writes them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioDef } from "../../authoring/dsl";
import { WORKFLOWS_DIR } from "../index";

/** A scenario file: the scenario with the model it runs (path under workflows/) and its district. */
export interface ScenarioFile extends ScenarioDef {
  process: string;
  model: string;
  district: string | null;
}

/** Every scenario file with its path under workflows/, sorted by service and name. */
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
      out.push({ path: `${slug}/scenarios/${name}`, scenario: JSON.parse(readFileSync(join(dir, name), "utf8")) });
    }
  }
  return out;
}
