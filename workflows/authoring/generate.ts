/** Renders a service definition to the files it owns under workflows/ (model, forms, scenarios). */
import { toBpmnXml } from "./bpmn-writer";
import type { DueFact, ScenarioDef, ServiceDef, SlaUnit, StandardDef } from "./dsl";
import { toForms } from "./form-writer";

export interface GeneratedFile {
  /** Path relative to the workflows/ folder. */
  path: string;
  content: string;
}

/** Path of the model file of a definition, relative to workflows/. */
export function modelPath(def: ServiceDef): string {
  return `${def.slug}/${def.file ?? def.slug}.bpmn`;
}

/** Every file a definition produces. */
export function renderService(def: ServiceDef): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: modelPath(def), content: toBpmnXml(def) }];
  for (const [id, schema] of Object.entries(toForms(def))) {
    files.push({ path: `${def.slug}/forms/${id}.form`, content: `${JSON.stringify(schema, null, 2)}\n` });
  }
  const prefix = def.variant ? `${def.variant.district}-` : "";
  for (const s of def.scenarios) {
    const scenario = {
      $schema: "../../scenario.schema.json",
      process: def.processId,
      model: modelPath(def),
      district: def.variant?.district ?? def.district,
      ...withDueFacts(def, s),
    };
    files.push({
      path: `${def.slug}/scenarios/${prefix}${s.name}.json`,
      content: `${JSON.stringify(scenario, null, 2)}\n`,
    });
  }
  return files;
}

/** workflows/catalogue.json: each model's district, template and source, for the loader and README. */
export function catalogueManifest(defs: ServiceDef[]): string {
  const models = defs.map((d) => ({
    file: modelPath(d),
    processId: d.processId,
    name: d.name,
    district: d.variant?.district ?? d.district,
    template: d.variant?.template ?? null,
    source: d.source,
    scenarios: d.scenarios.map((s) => s.name),
    coverage: d.coverage,
  }));
  return `${JSON.stringify({ generatedBy: "workflows/authoring/build.ts", models }, null, 2)}\n`;
}

function fact(value: number, unit: SlaUnit): DueFact {
  return { [unit]: value };
}

/**
 * The case due date the standard sets: its completion time, a range counted to its upper bound
 * ("1 – 1,5 tahun" is 18 months), years as months.
 */
function caseDueOf(standard: StandardDef): DueFact | null {
  const time = standard.completionTime;
  if (!time) return null;
  const value = time.maxValue ?? time.value;
  return time.unit === "years" ? fact(value * 12, "months") : fact(value, time.unit);
}

/** States every task's and the case's due date in the scenario: the definition's own, or the model's SLA. */
function withDueFacts(def: ServiceDef, s: ScenarioDef): ScenarioDef {
  const sla = new Map(def.nodes.flatMap((n) => (n.kind === "user" ? [[n.id, n.sla ?? null] as const] : [])));
  return {
    ...s,
    steps: s.steps.map((step) => {
      if (!("complete" in step) || step.due !== undefined) return step;
      const own = sla.get(step.complete);
      return { ...step, due: own ? fact(own.value, own.unit) : null };
    }),
    expect: { ...s.expect, ...(s.expect.caseDue === undefined ? { caseDue: caseDueOf(def.standard) } : {}) },
  };
}
