/**
 * Generated documents are case documents (issue 12, item 8), on the real servers: the PDF the
 * `document` connector renders is listed among the case's documents, downloads by its sha256 (and
 * by its id) with the same bytes, and both its generation and its download are in the audit log.
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `layanan-surat-${TAG}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
] as const;

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="defs" targetNamespace="https://alur.id/test">
  <bpmn:process id="${PROCESS_ID}" name="Layanan surat" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="SURAT" name="Layanan surat"><alur:product name="Surat rekomendasi" /></alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="letter" name="Buat surat rekomendasi">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="document" />
        <zeebe:taskHeaders>
          <zeebe:header key="title" value="SURAT REKOMENDASI" />
          <zeebe:header key="body" value="Diberikan kepada {{applicant.name}}." />
          <zeebe:header key="fileName" value="rekomendasi.pdf" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="handover" name="Serahkan surat">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="letter" />
    <bpmn:sequenceFlow id="f2" sourceRef="letter" targetRef="handover" />
    <bpmn:sequenceFlow id="f3" sourceRef="handover" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;

beforeAll(async () => {
  harness = await startApiHarness({
    taskQueue: "api-generated-documents",
    usernamePrefix: `doc${TAG}`,
    cast: CAST,
    dataDir: mkdtempSync(path.join(tmpdir(), "alur-gen-docs-")),
  });
  ({ app, as } = harness);
  const deploy = await call(app, as.admin!, "POST", "/processes", { bpmnXml: MODEL, district: "3216", publish: true });
  if (deploy.status !== 201) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
});

afterAll(async () => {
  await harness?.stop();
});

describe("a generated document", () => {
  it("is listed among the case's documents, downloads by its sha256, and is audited", async () => {
    // given a case whose first step renders a recommendation letter
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: { name: "Siti Aminah" },
    });
    expect(started.status).toBe(201);
    const caseId = ((await started.json()) as { id: string }).id;

    // when the letter has been rendered (the case waits at the handover)
    const view = await waitForCase(
      app,
      as["front-office"]!,
      caseId,
      (c) => c.currentSteps.some((s) => s.elementId === "handover"),
      "the handover step",
    );

    // then the letter is one of the case's documents
    const letter = view.documents.find((d) => d.filename === "rekomendasi.pdf");
    expect(letter, JSON.stringify(view.documents)).toMatchObject({
      contentType: "application/pdf",
      requirementId: null,
    });
    const timeline = (await (await call(app, as["front-office"]!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; data: { sha256?: string } }[];
    };
    const generated = timeline.items.find((e) => e.type === "documentGenerated");
    expect(generated?.data.sha256).toBe(letter!.sha256);

    // and it downloads by its sha256 (and by its id) with exactly those bytes
    for (const ref of [letter!.sha256, letter!.id]) {
      const res = await call(app, as["front-office"]!, "GET", `/cases/${caseId}/documents/${ref}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.byteLength).toBe(letter!.size);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(letter!.sha256);
    }

    // and the audit log has its generation and each download
    const audit = await harness.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "resource_id", "after"])
      .where("resource_type", "=", "case")
      .where("resource_id", "=", caseId)
      .where("action", "in", ["case.document-generated", "case.document-download"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "case.document-generated",
      "case.document-download",
      "case.document-download",
    ]);
    expect(audit[0]?.actor_id).toBeNull();
    expect(audit[0]?.after).toMatchObject({ documentId: letter!.id, sha256: letter!.sha256, elementId: "letter" });
    expect(audit[1]?.actor_id).toBe(as["front-office"]!.userId);
  });
});
