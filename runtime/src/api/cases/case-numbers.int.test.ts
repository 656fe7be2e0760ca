/**
 * Case numbers never collide (issue 12, item 7), through the API on the real servers: two services
 * whose codes share their first 12 characters (`customer-onboarding`, `customer-onboarding-flaky`;
 * a process without a service code is numbered by its id, cut the same way) both get the number
 * prefix CUSTOMERONBO, and their cases must still get distinct numbers instead of a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const CAST = [
  { key: "admin", district: "3216", role: "district-admin" },
  { key: "front-office", district: "3216", role: "front-office" },
] as const;

/** A process whose service code is `code` (the case number starts with it). */
const model = (processId: string, code: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="defs" targetNamespace="https://alur.id/test">
  <bpmn:process id="${processId}" name="Uji nomor" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="${code}" name="Uji nomor"><alur:fee amount="0" /></alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="check" name="Periksa">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="back-office" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;

beforeAll(async () => {
  harness = await startApiHarness({ taskQueue: "api-case-numbers", usernamePrefix: `num${TAG}`, cast: CAST });
  ({ app, as } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

async function startCase(processId: string) {
  const res = await call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Uji Nomor" },
  });
  return { status: res.status, body: (await res.json()) as { caseNumber?: string } };
}

describe("case numbers", () => {
  it("stay unique for services whose codes share the first 12 characters", async () => {
    // given two published services, codes alike in their first 12 characters
    const onboarding = `customer-onboarding-${TAG}`;
    const flaky = `customer-onboarding-flaky-${TAG}`;
    for (const [id, code] of [
      [onboarding, "customer-onboarding"],
      [flaky, "customer-onboarding-flaky"],
    ] as const) {
      const res = await call(app, as.admin!, "POST", "/processes", {
        bpmnXml: model(id, code),
        district: "3216",
        publish: true,
      });
      expect(res.status, await res.text()).toBe(201);
    }
    // when cases of both start, alternately
    const started = [];
    for (const id of [onboarding, flaky, onboarding, flaky]) started.push(await startCase(id));
    // then every start succeeds with a number of its own
    expect(started.map((s) => s.status)).toEqual([201, 201, 201, 201]);
    const numbers = started.map((s) => s.body.caseNumber!);
    expect(new Set(numbers).size).toBe(4);
    for (const n of numbers) expect(n).toMatch(/^CUSTOMERONBO\/[A-Z0-9]+\/\d{4}\/\d{6}$/);
  });
});
