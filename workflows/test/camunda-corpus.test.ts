/**
 * The Camunda 8 corpus (camunda-corpus/README.md) through the deploy gate, without servers: every
 * model compiles as `POST /processes` compiles it (every executable process, its linked forms),
 * with no error (bpmnlint's included) but those the manifest says wait for the external job-worker API.
 */
import { compileAndValidateAllXml, type Problem } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import { corpusFiles, loadCamundaCorpus } from "../src/camunda-corpus";

const corpus = loadCamundaCorpus();

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

  it("deploys both executable pools of the collaboration and skips the customer's", async () => {
    const onboarding = corpus.find((m) => m.file === "customer-onboarding.bpmn")!;
    const { plans, skipped } = await compileAndValidateAllXml(onboarding.xml);
    expect(plans.map((p) => p.processId)).toEqual(["customer-onboarding", "kyc-check"]);
    expect(skipped).toEqual(["onboarding-customer"]);
  });
});
