/**
 * Camunda 8 assignments on the real servers (PostgreSQL, the Temporal dev server, a worker running
 * bpmnProcess) through the API: FEEL candidate groups set by the start data, a task for one
 * username only, one for candidate users, and FEEL naming a role nobody has, which is an incident
 * on the case page instead of a task nobody can take.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CaseView } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TASK_QUEUE = "api-assignment";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const PREFIX = `asg${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
  { key: "back-office", district: "3216", role: "back-office" },
  { key: "peksos", district: "3216", role: "pekerja-sosial" },
  { key: "lain", district: "3216", role: "back-office" },
  { key: "smd-peksos", district: "3211", role: "pekerja-sosial" },
] as const;
type Key = (typeof CAST)[number]["key"];
const username = (key: Key) => `${PREFIX}.${key}`;

type Item = { id: string; caseId: string; revision: number; roles: string[]; assignee: string | null };
type Page = { items: Item[] };

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;
const who = (key: Key) => as[key]!;

/** Deploys the fixture with this assignment as its own process; returns the process id. */
async function deploy(name: string, assignment: string): Promise<string> {
  const processId = `layanan-penugasan-${name}-${TAG}`;
  const xml = readFileSync(path.join(import.meta.dirname, "fixtures/layanan-penugasan.bpmn"), "utf8")
    .replace("__ASSIGNMENT__", assignment)
    // case numbers are counted per service code
    .replace("__CODE__", `PNG-${name.toUpperCase()}`)
    .replaceAll('"layanan-penugasan"', `"${processId}"`);
  const res = await call(app, who("admin"), "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  if (res.status !== 201) throw new Error(`deploy ${name}: ${res.status} ${await res.text()}`);
  return processId;
}

async function startCase(processId: string, variables: Record<string, unknown> = {}): Promise<string> {
  const res = await call(app, who("front-office"), "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Siti Aminah (uji penugasan)" },
    variables,
  });
  if (res.status !== 201) throw new Error(`start ${processId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

const inbox = async (key: Key, scope: "mine" | "unassigned") =>
  (await (await call(app, who(key), "GET", `/tasks?scope=${scope}&limit=200`)).json()) as Page;

/** The case's task once the workflow stored it (it opens asynchronously). */
async function taskOf(caseId: string, key: Key, scope: "mine" | "unassigned"): Promise<Item> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await inbox(key, scope)).items.find((t) => t.caseId === caseId);
    if (found) return found;
    if (Date.now() > deadline) {
      const view = await (await call(app, who("admin"), "GET", `/cases/${caseId}`)).text();
      throw new Error(`no task of case ${caseId} in ${key}'s ${scope} inbox: ${view}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const complete = (key: Key, task: Item) =>
  call(app, who(key), "POST", `/tasks/${task.id}/complete`, { revision: task.revision, data: {} });
const claim = (key: Key, task: Item) =>
  call(app, who(key), "POST", `/tasks/${task.id}/claim`, { revision: task.revision });
const completed = (caseId: string) =>
  waitForCase(app, who("admin"), caseId, (c) => c.status === "completed", "completion");

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: TASK_QUEUE, usernamePrefix: PREFIX, cast: CAST });
  ({ app, as } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

describe("Camunda 8 assignments through the API", () => {
  it('candidateGroups="=reviewerGroup" takes the role the start data names', async () => {
    // given
    const processId = await deploy("feel-group", '<zeebe:assignmentDefinition candidateGroups="=reviewerGroup" />');
    // when the start data names the group, capitalised as Camunda users write it
    const caseId = await startCase(processId, {
      reviewerGroup: "Back-Office",
      tindakLanjut: "2026-03-03T08:00:00+07:00",
    });
    // then back office sees it among its free tasks, with the evaluated role and follow-up date
    const task = await taskOf(caseId, "back-office", "unassigned");
    expect(task.roles).toEqual(["back-office"]);
    const detail = (await (await call(app, who("back-office"), "GET", `/tasks/${task.id}`)).json()) as {
      followUpAt: string | null;
    };
    expect(detail.followUpAt).toBe("2026-03-03T01:00:00.000Z");
    expect((await inbox("peksos", "unassigned")).items.map((t) => t.caseId)).not.toContain(caseId);
    // the front office (no candidate) cannot complete it; back office can
    expect((await complete("front-office", task)).status).toBe(403);
    expect((await complete("back-office", task)).status).toBe(200);
    await completed(caseId);
  });

  it("an assignee named by username alone: that user has it in their inbox and completes it; others get 403", async () => {
    // given a task with no candidate group at all
    const processId = await deploy("assignee", `<zeebe:assignmentDefinition assignee="${username("back-office")}" />`);
    const caseId = await startCase(processId);
    // then it is claimed by that user on opening
    const task = await taskOf(caseId, "back-office", "mine");
    expect(task.assignee).toBe(who("back-office").userId);
    expect(task.roles).toEqual([]);
    // a colleague with the same role, and the front office, may neither see nor complete it
    expect((await complete("lain", task)).status).toBe(403);
    expect((await complete("front-office", task)).status).toBe(403);
    expect((await inbox("lain", "unassigned")).items.map((t) => t.caseId)).not.toContain(caseId);
    // the assignee completes it
    expect((await complete("back-office", task)).status).toBe(200);
    await completed(caseId);
  });

  it("candidateUsers: each named user sees the free task and may claim and complete it; others get 403", async () => {
    // given
    const processId = await deploy(
      "candidates",
      `<zeebe:assignmentDefinition candidateUsers="${username("peksos")}, ${username("back-office")}" />`,
    );
    const caseId = await startCase(processId);
    // then both candidates see it free, the other back-office colleague does not
    const task = await taskOf(caseId, "peksos", "unassigned");
    expect((await inbox("back-office", "unassigned")).items.map((t) => t.caseId)).toContain(caseId);
    expect((await inbox("lain", "unassigned")).items.map((t) => t.caseId)).not.toContain(caseId);
    expect((await claim("lain", task)).status).toBe(403);
    expect((await claim("smd-peksos", task)).status).toBe(403);
    // when a candidate claims it
    const claimed = await claim("peksos", task);
    expect(claimed.status).toBe(200);
    const after = (await claimed.json()) as Item;
    // then it is theirs, and they complete it
    expect((await inbox("peksos", "mine")).items.map((t) => t.caseId)).toContain(caseId);
    expect((await complete("peksos", after)).status).toBe(200);
    await completed(caseId);
  });

  it("FEEL naming a role nobody has is an incident on GET /cases/{id}; retried with a known role, the task opens", async () => {
    // given
    const processId = await deploy("unknown-role", '<zeebe:assignmentDefinition candidateGroups="=reviewerGroup" />');
    // when the start data names a role the directory does not have
    const caseId = await startCase(processId, { reviewerGroup: "reviewer" });
    // then the case holds an incident naming it, and no task was stored
    const failed: CaseView = await waitForCase(
      app,
      who("admin"),
      caseId,
      (c) => (c.incidents ?? []).length > 0,
      "the incident",
    );
    expect(failed.status).toBe("incident");
    expect(failed.incidents).toMatchObject([{ code: "assignment-unknown", elementId: "periksa" }]);
    expect(failed.incidents![0]!.message).toContain("unknown role(s) reviewer");
    expect(failed.currentSteps).toEqual([]);
    // when the admin fixes the variable and retries
    const retried = await call(
      app,
      who("admin"),
      "POST",
      `/cases/${caseId}/incidents/${failed.incidents![0]!.id}/retry`,
      {
        variables: { reviewerGroup: "pekerja-sosial" },
      },
    );
    expect(retried.status).toBe(200);
    // then the task opens for that role and can be completed
    const task = await taskOf(caseId, "peksos", "unassigned");
    expect(task.roles).toEqual(["pekerja-sosial"]);
    expect((await complete("peksos", task)).status).toBe(200);
    await completed(caseId);
  });
});
