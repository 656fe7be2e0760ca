/**
 * The Camunda 8 corpus (camunda-corpus/README.md) through the deploy gate, without servers: every
 * model compiles as `POST /processes` compiles it (every executable process, its linked forms),
 * with no error (bpmnlint's included) but those the manifest says wait for the external job-worker API.
 */
import { compileAndValidateAllXml, type Problem } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import { corpusFiles, loadCamundaCorpus, loadCorpusManifest } from "../src/camunda-corpus";

const corpus = loadCamundaCorpus();
const { cast } = loadCorpusManifest();

type PlanNode = {
  type: string;
  connector?: { type: string };
  eventDefinition?: { kind: string };
  calledProcess?: { kind: string; value?: string };
};

/** The nodes of a file's processes and of the corpus processes they call, by element id. */
async function reachableNodes(file: string, seen = new Set<string>()): Promise<Map<string, PlanNode>> {
  const nodes = new Map<string, PlanNode>();
  const model = corpus.find((m) => m.file === file)!;
  const { plans } = await compileAndValidateAllXml(
    model.xml,
    Object.keys(model.forms).length > 0 ? { forms: model.forms } : {},
  );
  for (const plan of plans) seen.add(plan.processId);
  for (const plan of plans) {
    for (const node of Object.values(plan.nodes) as (PlanNode & { id: string })[]) {
      nodes.set(node.id, node);
      const called = node.calledProcess?.kind === "literal" ? node.calledProcess.value : undefined;
      const other = called && !seen.has(called) && corpus.find((m) => m.xml.includes(`<bpmn:process id="${called}"`));
      if (other) for (const [id, n] of await reachableNodes(other.file, seen)) nodes.set(id, n);
    }
  }
  return nodes;
}

/** Every error, bpmnlint's included (the models carry their diagrams), as code@elementId. */
const errors = (problems: Problem[]) =>
  problems
    .filter((p) => p.severity === "error")
    .map((p) => `${p.code}@${p.elementId}`)
    .sort();

describe("the Camunda 8 corpus", () => {
  it("holds at least 15 models, every file in the manifest", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(corpus.map((m) => m.file).sort()).toEqual(corpusFiles());
  });

  it.each(corpus.map((m) => [m.file, m] as const))(
    "%s compiles with no error it does not wait for",
    async (_file, model) => {
      // given the model as written / when it goes through the deploy gate
      const { plans, problems } = await compileAndValidateAllXml(model.xml, {
        ...(Object.keys(model.forms).length > 0 ? { forms: model.forms } : {}),
      });
      // then the only errors are those waiting for the job-worker API, and without them it has plans
      expect(errors(problems)).toEqual([...model.waitsFor].sort());
      if (model.waitsFor.length === 0) expect(plans.length).toBeGreaterThan(0);
    },
  );

  it.each(corpus.map((m) => [m.file, m] as const))(
    "%s has a run script naming its own elements, job types and cast",
    async (file, model) => {
      // given the nodes the model's case can reach (its called processes' included)
      const nodes = await reachableNodes(file);
      const is = (id: string, what: (n: PlanNode) => boolean) =>
        expect(nodes.has(id) && what(nodes.get(id)!), id).toBe(true);

      // then every step names what the model has
      for (const step of model.run.steps) {
        if (step.do === "task") {
          is(step.elementId, (n) => n.type === "userTask");
          expect(Object.keys(cast)).toContain(step.as);
        }
        if (step.do === "job") is(step.elementId, (n) => n.connector?.type === step.type);
        if (step.do === "timer") is(step.elementId, (n) => n.eventDefinition?.kind === "timer");
        if ((step.do === "message" || step.do === "signal") && step.after) is(step.after, () => true);
      }
      for (const end of model.run.end) is(end, (n) => n.type === "endEvent");
      for (const edit of model.run.edits) expect(model.xml).toContain(edit.find);
    },
  );

  it("deploys both executable pools of the collaboration and skips the customer's", async () => {
    const onboarding = corpus.find((m) => m.file === "customer-onboarding.bpmn")!;
    const { plans, skipped } = await compileAndValidateAllXml(onboarding.xml);
    expect(plans.map((p) => p.processId)).toEqual(["customer-onboarding", "kyc-check"]);
    expect(skipped).toEqual(["onboarding-customer"]);
  });
});
