/**
 * Start data on the real servers: `POST /cases` `variables` may set only the start form's editable
 * fields (zeebe:formDefinition of the start event); a process without a start form takes none.
 * Refused data is answered 422 data-not-allowed, naming the keys, and no case is created.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness } from "../../testing/api-harness";

const TASK_QUEUE = "api-start-data";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const WITH_FORM = `layanan-kirim-sk-${TAG}`;
const WITHOUT_FORM = `layanan-pesan-${TAG}`;

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;

const fixture = (name: string, id: string) =>
  readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.bpmn`), "utf8").replaceAll(`"${name}"`, `"${id}"`);

beforeAll(async () => {
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `sd${TAG}`,
    cast: ["district-admin", "front-office"].map((role) => ({ key: role, district: "3216", role })),
  });
  ({ app, as } = harness);
  for (const bpmnXml of [fixture("layanan-kirim-sk", WITH_FORM), fixture("layanan-pesan", WITHOUT_FORM)]) {
    const deploy = await call(app, as["district-admin"]!, "POST", "/processes", {
      bpmnXml,
      district: "3216",
      publish: true,
    });
    if (deploy.status !== 201) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
  }
});

afterAll(async () => {
  await harness?.stop();
});

const start = (processId: string, variables: Record<string, unknown>) =>
  call(app, as["front-office"]!, "POST", "/cases", {
    processId,
    district: "3216",
    applicant: { name: "Rina Marlina (uji data awal)" },
    variables,
  });

const casesOf = async (processId: string) =>
  (await harness.db.selectFrom("cases").select("id").where("process_id", "=", processId).execute()).length;

describe("start data", () => {
  it("refuses keys outside the start form with 422 naming them and creates no case; the form's fields start it", async () => {
    // when a case is started with the start form's NIK and also a status and a letter number
    const forged = await start(WITH_FORM, { nik: "3216015505800002", status: "selesai", letterNumber: "999/PALSU" });

    // then it is refused, naming the two keys in both languages, and nothing is stored
    expect(forged.status).toBe(422);
    const error = (await forged.json()) as {
      code: string;
      details: { keys: string[]; reason: Record<string, string> };
    };
    expect(error.code).toBe("data-not-allowed");
    expect(error.details.keys).toEqual(["status", "letterNumber"]);
    expect(error.details.reason.id).toContain("status, letterNumber");
    expect(error.details.reason.en).toContain("status, letterNumber");
    expect(await casesOf(WITH_FORM)).toBe(0);

    // and with the start form's field only, the case starts
    expect((await start(WITH_FORM, { nik: "3216015505800002" })).status).toBe(201);
    expect(await casesOf(WITH_FORM)).toBe(1);
  });

  it("refuses any start variable for a process without a start form; the applicant alone starts it", async () => {
    const forged = await start(WITHOUT_FORM, { nik: "3216015505800002" });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { details: { keys: string[] } }).details.keys).toEqual(["nik"]);
    expect(await casesOf(WITHOUT_FORM)).toBe(0);

    expect((await start(WITHOUT_FORM, {})).status).toBe(201);
  });
});
