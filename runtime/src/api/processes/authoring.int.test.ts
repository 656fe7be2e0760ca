/**
 * Safe editing through the API (issue 17, items 5 and 6), on the real servers: a new service's
 * drafts and its publication are v1, versions name their author, and changing the process id
 * renames a never-published service (no orphan draft) but is refused for a published one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ProcessVersionView } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const PREFIX = `auth${TAG}`;
const CAST = [{ key: "admin", district: "3216", role: "district-admin" }] as const;
const SMOKE = readFileSync(path.join(import.meta.dirname, "../../../../workflows/smoke/smoke.bpmn"), "utf8");

let harness: ApiHarness;
let app: TestApp;
let admin: Session;

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-authoring", usernamePrefix: PREFIX, cast: CAST });
  app = harness.app;
  admin = harness.as.admin!;
});

afterAll(async () => {
  await harness?.stop();
});

/** The smoke service under a process id of this run. */
const model = (processId: string, edit = "") =>
  SMOKE.replaceAll('"smoke"', `"${processId}"`).replace("</bpmn:process>", `${edit}</bpmn:process>`);

async function deploy(bpmnXml: string, publish: boolean, replaces?: string) {
  const res = await call(app, admin, "POST", "/processes", {
    bpmnXml,
    district: "3216",
    publish,
    ...(replaces ? { replaces } : {}),
  });
  return { status: res.status, body: (await res.json()) as { version: ProcessVersionView; code?: string } };
}

async function versionsOf(processId: string): Promise<ProcessVersionView[]> {
  const res = await call(app, admin, "GET", `/processes?processId=${processId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ProcessVersionView[] }).items;
}

describe("saving and publishing a service", () => {
  it("keeps a new service at v1 through repeated drafts and its publication, naming the author", async () => {
    // given a new service saved as a draft twice (an autosave, then the admin's save)
    const id = `baru-${TAG}`;
    const first = await deploy(model(id), false);
    const second = await deploy(model(id, "<bpmn:documentation>edit</bpmn:documentation>"), false);
    expect([first.status, second.status]).toEqual([201, 201]);
    // then both saves are the same draft, v1
    expect(second.body.version.id).toBe(first.body.version.id);
    expect(second.body.version.version).toBe(1);
    // when it is published
    const published = await deploy(model(id), true);
    // then the publication is v1 too, and the list names who made it
    expect(published.body.version).toMatchObject({ id: first.body.version.id, version: 1, status: "published" });
    const listed = await versionsOf(id);
    expect(listed.map((v) => [v.version, v.status, v.createdByName, v.template])).toEqual([
      [1, "published", `${PREFIX}.admin`, null],
    ]);
    // and the next draft after a publication is v2, never overwriting the published one
    const next = await deploy(model(id), false);
    expect(next.body.version.version).toBe(2);
    const one = await call(app, admin, "GET", `/processes/versions/${next.body.version.id}`);
    expect(((await one.json()) as ProcessVersionView).createdByName).toBe(`${PREFIX}.admin`);
  });

  it("says which template a district variant derives from, in the list and for one version", async () => {
    // given a variant of a template, marked in the model
    const id = `varian-${TAG}`;
    const variant = model(id).replace(
      "<bpmn:extensionElements>",
      '<bpmn:extensionElements><alur:variant template="smoke" district="3216" effectiveFrom="2026-01-01"><alur:legalBasis kind="Perbup" number="1" year="2026" title="Uji" /></alur:variant>',
    );
    const deployed = await deploy(variant, false);
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    // then both views name the template
    expect((await versionsOf(id)).map((v) => v.template)).toEqual(["smoke"]);
    const one = await call(app, admin, "GET", `/processes/versions/${deployed.body.version.id}`);
    expect(((await one.json()) as ProcessVersionView).template).toBe("smoke");
  });

  it("renames a never-published service when its process id changes, leaving no orphan draft", async () => {
    // given a draft of a service that was never published
    const oldId = `lama-${TAG}`;
    const newId = `nama-baru-${TAG}`;
    const draft = await deploy(model(oldId), false);
    // when the admin changes the process id in the designer and saves
    const renamed = await deploy(model(newId), false, draft.body.version.id);
    // then the service exists under its new id only, as v1
    expect(renamed.status).toBe(201);
    expect(renamed.body.version).toMatchObject({ processId: newId, version: 1, status: "draft" });
    expect(await versionsOf(oldId)).toEqual([]);
    expect((await versionsOf(newId)).map((v) => v.version)).toEqual([1]);
    // and the rename is audited
    const audit = await harness.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("action", "=", "process.rename")
      .where("resource_id", "=", oldId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ processId: newId });
  });

  it("refuses to change the process id of a published service, keeping every version", async () => {
    // given a published service and its draft
    const oldId = `terbit-${TAG}`;
    await deploy(model(oldId), true);
    const draft = await deploy(model(oldId), false);
    // when a model opened from the draft arrives under another process id
    const refused = await deploy(model(`lain-${TAG}`), false, draft.body.version.id);
    // then it is refused with the reason, and nothing changed
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("process-id-locked");
    expect((refused.body as { message?: { id: string } }).message?.id).toMatch(/tidak dapat diubah/);
    expect((await versionsOf(oldId)).map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
    expect(await versionsOf(`lain-${TAG}`)).toEqual([]);
  });
});
