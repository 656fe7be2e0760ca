/**
 * The Camunda 8 corpus (workflows/camunda-corpus, issue 14 "Done when") through the real API, on
 * the real servers: every model, unchanged but for process ids made unique to the run, is deployed
 * by POST /processes as a draft with its linked forms; each executable process becomes a version.
 * A model whose manifest lists `waitsFor` errors is refused with exactly those (none does today).
 * Running each end to end: camunda-corpus-run.int.test.ts beside this file.
 */
import type { ProcessVersionView } from "@alur/shared/api";
import { executableProcesses, type Problem, parseBpmn } from "@alur/shared/compiler";
import { type CorpusModel, loadCamundaCorpus } from "@alur/workflows/camunda-corpus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const CAST = [{ key: "admin", district: "3216", role: "district-admin" }] as const;
const corpus = loadCamundaCorpus();

let harness: ApiHarness;
let app: TestApp;
let admin: Session;
/** Every process id of the corpus: renamed together, so calls across files still find each other. */
let processIds: string[] = [];

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-camunda-corpus", usernamePrefix: `c8${TAG}`, cast: CAST });
  app = harness.app;
  admin = harness.as.admin!;
  for (const model of corpus) {
    for (const [, id] of model.xml.matchAll(/<bpmn:process id="([^"]+)"/g)) processIds.push(id!);
  }
  processIds = [...new Set(processIds)];
});

afterAll(async () => {
  await harness?.stop();
});

const unique = (id: string) => `${id}-${TAG}`;

/** The model with every corpus process id (definitions and calledElement references) made unique. */
function forThisRun(model: CorpusModel): string {
  return processIds.reduce((xml, id) => xml.replaceAll(`"${id}"`, `"${unique(id)}"`), model.xml);
}

/** The errors that stop a deploy, as code@elementId (bpmnlint's style findings never do). */
const blocking = (problems: Problem[]) =>
  problems
    .filter((p) => p.severity === "error" && !p.code.startsWith("bpmnlint/"))
    .map((p) => `${p.code}@${p.elementId}`)
    .sort();

describe("the Camunda 8 corpus through POST /processes", () => {
  it.each(corpus.map((m) => [m.file, m] as const))("%s deploys as written", async (_file, model) => {
    // given the model and its linked forms
    const bpmnXml = forThisRun(model);
    const { definitions } = await parseBpmn(model.xml);
    const executable = executableProcesses(definitions!).map((p) => unique(p.id!));

    // when the district admin deploys it as a draft
    const res = await call(app, admin, "POST", "/processes", {
      bpmnXml,
      district: "3216",
      publish: false,
      ...(Object.keys(model.forms).length > 0 ? { forms: model.forms } : {}),
    });
    const body = (await res.json()) as {
      versions?: ProcessVersionView[];
      problems?: Problem[];
      details?: { problems: Problem[] };
    };

    // then every executable process is a draft version of its own, or the refusal names exactly
    // what waits for the job-worker API
    if (model.waitsFor.length === 0) {
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.versions!.map((v) => [v.processId, v.status])).toEqual(executable.map((id) => [id, "draft"]));
    } else {
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(blocking(body.details!.problems)).toEqual([...model.waitsFor].sort());
    }
  });
});

describe("publishing a corpus model unchanged", () => {
  it("publishes as an internal process, the missing alur:serviceStandard a warning (a Camunda model has none)", async () => {
    // given the invoice approval deployed as a draft
    const model = corpus.find((m) => m.file === "invoice-approval.bpmn")!;
    const bpmnXml = forThisRun(model).replaceAll(
      `"${unique("invoice-approval")}"`,
      `"${unique("invoice-approval")}-p"`,
    );
    const draft = await call(app, admin, "POST", "/processes", { bpmnXml, district: "3216", publish: false });
    expect(draft.status).toBe(201);
    const { version } = (await draft.json()) as { version: ProcessVersionView };

    // when the admin publishes it
    const res = await call(app, admin, "POST", `/processes/versions/${version.id}/publish`);

    // then it is published
    const published = (await res.json()) as ProcessVersionView;
    expect(res.status, JSON.stringify(published)).toBe(200);
    expect(published.status).toBe("published");

    // and deploying it published at once says why it has no standard page
    const direct = await call(app, admin, "POST", "/processes", {
      bpmnXml: bpmnXml.replaceAll(`"${unique("invoice-approval")}-p"`, `"${unique("invoice-approval")}-q"`),
      district: "3216",
      publish: true,
    });
    const body = (await direct.json()) as { version?: ProcessVersionView; problems?: Problem[] };
    expect(direct.status, JSON.stringify(body)).toBe(201);
    const missing = (body.problems ?? []).filter((p) => p.code === "service-standard-incomplete");
    expect(missing.map((p) => p.severity)).toEqual(["warning"]);
    expect(missing[0]?.message.en).toContain("internal process");
  });
});
