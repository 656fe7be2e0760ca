/**
 * One gate for every way a model gets in (issue 12, item 1), on the real servers: POST /processes
 * (what `alur deploy` and the designer send) and POST /processes/versions/{id}/publish run the
 * same compile + validate as `alur validate --for-publish`. Every Alur rule's invalid fixture is
 * refused with 422 and the problem list; a draft may keep what only publishing refuses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ALUR_RULES, type Problem } from "@alur/shared/compiler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const CAST = [{ key: "admin", district: "3216", role: "district-admin" }] as const;
const RULE_FIXTURES = path.join(import.meta.dirname, "../../../../shared/src/compiler/rules/fixtures");

let harness: ApiHarness;
let app: TestApp;
let admin: Session;

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-publish-gate", usernamePrefix: `gate${TAG}`, cast: CAST });
  app = harness.app;
  admin = harness.as.admin!;
});

afterAll(async () => {
  await harness?.stop();
});

/** A rule's fixture with its process ids made unique to this run. */
function fixture(code: string, kind: "valid" | "invalid"): string {
  const xml = readFileSync(path.join(RULE_FIXTURES, code, `${kind}.bpmn`), "utf8");
  return xml.replace(/<bpmn:process id="([^"]+)"/g, `<bpmn:process id="$1-${TAG}"`);
}

async function deploy(bpmnXml: string, publish: boolean) {
  const res = await call(app, admin, "POST", "/processes", { bpmnXml, district: "3216", publish });
  const body = (await res.json()) as {
    code?: string;
    details?: { problems: Problem[] };
    version?: { id: string; status: string };
    problems?: Problem[];
  };
  return { status: res.status, body, problems: body.details?.problems ?? body.problems ?? [] };
}

/** Codes of the errors that stop a model (bpmnlint's style findings are listed but do not). */
const errorCodes = (problems: Problem[]) =>
  problems.filter((p) => p.severity === "error" && !p.code.startsWith("bpmnlint/")).map((p) => p.code);

/** Rules that only warn (a hint, not a model that cannot run): their fixtures publish with the warning. */
const WARNING_RULES = new Set(["condition-variable-undefined", "completion-time-under-sla", "unsupported-extension"]);

describe("publishing through the API", () => {
  it.each(ALUR_RULES.map((r) => r.code).filter((code) => !WARNING_RULES.has(code)))(
    "refuses the %s invalid fixture with 422 and its problems",
    async (code) => {
      // given the rule's invalid fixture
      // when an admin publishes it
      const { status, body, problems } = await deploy(fixture(code, "invalid"), true);
      // then nothing is stored and the refusal names the rule's problems, bilingual
      expect(status, JSON.stringify(body)).toBe(422);
      expect(body.code).toBe("model-invalid");
      expect(errorCodes(problems)).toContain(code);
      expect(problems.find((p) => p.code === code)?.message.id).toBeTruthy();
    },
  );

  it("publishes a model whose standard lacks components the decree is silent on, listing them as warnings", async () => {
    // given the smoke service, whose standard has a completion time and a fee and nothing else
    const xml = readFileSync(path.join(import.meta.dirname, "../../../../workflows/smoke/smoke.bpmn"), "utf8");
    const { status, body, problems } = await deploy(xml.replaceAll('"smoke"', `"smoke-${TAG}"`), true);
    // then it is published, and the gaps are reported, not invented
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.version?.status).toBe("published");
    const gaps = problems.filter((p) => p.code === "service-standard-incomplete");
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((p) => p.severity === "warning")).toBe(true);
  });

  it.each([...WARNING_RULES])("publishes the %s invalid fixture, with the warning", async (code) => {
    // e.g. a condition on a variable nothing sets, a completion time under the SLA sum, a zeebe: element Alur does not run
    const { status, body, problems } = await deploy(fixture(code, "invalid"), true);
    expect(status, JSON.stringify(body)).toBe(201);
    const found = problems.filter((p) => p.code === code);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.severity === "warning")).toBe(true);
  });

  it("publishes the valid fixture of the new notify rule", async () => {
    const { status, body } = await deploy(fixture("notify-without-roles", "valid"), true);
    expect(status, JSON.stringify(body)).toBe(201);
  });
});

describe("drafts", () => {
  it("refuses a draft whose errors stop it from running (a role-less user task)", async () => {
    const { status, problems } = await deploy(fixture("user-task-without-role", "invalid"), false);
    expect(status).toBe(422);
    expect(errorCodes(problems)).toContain("user-task-without-role");
  });

  it("keeps a draft with what only publishing refuses, and POST .../publish runs the gate again", async () => {
    // given a draft checking a document its standard does not list (a warning while drafting)
    const draft = await deploy(fixture("unknown-document", "invalid"), false);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.problems.filter((p) => p.code === "unknown-document").map((p) => p.severity)).toEqual([
      "warning",
      "warning",
    ]);
    // when the admin publishes that draft
    const res = await call(app, admin, "POST", `/processes/versions/${draft.body.version!.id}/publish`);
    // then the publication gate refuses it and the version stays a draft
    expect(res.status).toBe(422);
    const refusal = (await res.json()) as { code: string; details: { problems: Problem[] } };
    expect(refusal.code).toBe("model-invalid");
    expect(errorCodes(refusal.details.problems)).toEqual(["unknown-document", "unknown-document"]);
    const version = await call(app, admin, "GET", `/processes/versions/${draft.body.version!.id}`);
    expect(((await version.json()) as { status: string }).status).toBe("draft");
  });
});
