/**
 * What a task completion may set, on the real servers: only its form's editable fields. The SJPP
 * recommendation of the catalogue issues its letter with the document connector from the case
 * variables; a back office completion that also sends the applicant's name and NIK and a letter
 * number is refused with 422 naming those keys before the workflow sees it, and the letter of the
 * legitimate completion carries the applicant the case was started for.
 */
import { readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { inflateSync } from "node:zlib";
import { loadCatalogue } from "@alur/workflows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filePath } from "../../store/file-store";
import { call, type Session, type TestApp } from "../../testing/api-app";
import { type ApiHarness, startApiHarness, waitForCase } from "../../testing/api-harness";

const TASK_QUEUE = "api-task-data";
const TAG = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `rekomendasi_sjpp_${TAG}`;
const APPLICANT = { name: "Siti Aminah", nik: "3216012345678901" };

let harness: ApiHarness;
let app: TestApp;
let as: Record<string, Session>;

beforeAll(async () => {
  harness = await startApiHarness({
    taskQueue: TASK_QUEUE,
    usernamePrefix: `data${TAG}`,
    cast: ["district-admin", "front-office", "back-office", "kepala-bidang"].map((role) => ({
      key: role,
      district: "3216",
      role,
    })),
  });
  ({ app, as } = harness);
  const entry = loadCatalogue().find((e) => e.file === "rekomendasi-sjpp/rekomendasi-sjpp.bpmn");
  if (!entry) throw new Error("the catalogue has no SJPP recommendation");
  const deploy = await call(app, as["district-admin"]!, "POST", "/processes", {
    bpmnXml: entry.xml.replaceAll('"rekomendasi_sjpp_3216"', `"${PROCESS_ID}"`),
    forms: entry.forms,
    district: "3216",
    publish: true,
  });
  if (deploy.status !== 201) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
});

afterAll(async () => {
  await harness?.stop();
});

interface InboxItem {
  id: string;
  caseId: string;
  elementId: string;
  revision: number;
}

/** The case's open task at `elementId` as `session` finds it in the unassigned inbox. */
async function openTask(session: Session, caseId: string, elementId: string): Promise<InboxItem> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(app, session, "GET", "/tasks?scope=unassigned&limit=200");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: InboxItem[] };
    const task = items.find((t) => t.caseId === caseId && t.elementId === elementId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`timed out waiting for task ${elementId}`);
    await delay(100);
  }
}

async function complete(session: Session, task: InboxItem, data: Record<string, unknown>) {
  return call(app, session, "POST", `/tasks/${task.id}/complete`, { revision: task.revision, data });
}

/** The text a pdf-lib page draws (hex strings of Tj operators in its content streams). */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString("latin1");
  let text = "";
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const body = Buffer.from(m[1]!, "latin1");
    let content: string;
    try {
      content = inflateSync(body).toString("latin1");
    } catch {
      content = body.toString("latin1");
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      text += `${Buffer.from(t[1]!, "hex").toString("latin1")}\n`;
  }
  return text;
}

describe("task completion data", () => {
  it("refuses keys outside the task's form with 422 naming them; the letter carries the real applicant", async () => {
    // given an SJPP case started for Siti Aminah, its file checked complete by front office
    const started = await call(app, as["front-office"]!, "POST", "/cases", {
      processId: PROCESS_ID,
      district: "3216",
      applicant: APPLICANT,
    });
    expect(started.status).toBe(201);
    const caseId = ((await started.json()) as { id: string }).id;
    const check = await openTask(as["front-office"]!, caseId, "periksaBerkas");
    expect((await complete(as["front-office"]!, check, { docsComplete: true })).status).toBe(200);

    // when back office completes the recommendation with a forged applicant and letter number
    const draft = await openTask(as["back-office"]!, caseId, "buatRekomendasi");
    const forged = await complete(as["back-office"]!, draft, {
      nomorSurat: "460/001/PFM",
      applicant: { name: "Nama Palsu", nik: "3216999999999999" },
      letterNumber: "999/PALSU/2026",
    });

    // then it is refused, naming the keys in both languages, and the task stays open as it was
    expect(forged.status).toBe(422);
    const error = (await forged.json()) as {
      code: string;
      details: { keys: string[]; reason: { id: string; en: string } };
    };
    expect(error.code).toBe("data-not-allowed");
    expect(error.details.keys).toEqual(["applicant", "letterNumber"]);
    expect(error.details.reason.id).toContain("applicant, letterNumber");
    expect(error.details.reason.en).toContain("applicant, letterNumber");
    const still = await openTask(as["back-office"]!, caseId, "buatRekomendasi");
    expect(still).toEqual(draft);

    // when it is completed with the form's own fields and the letter signed
    expect((await complete(as["back-office"]!, still, { nomorSurat: "460/001/PFM" })).status).toBe(200);
    const sign = await openTask(as["kepala-bidang"]!, caseId, "tandatangan");
    expect((await complete(as["kepala-bidang"]!, sign, { ditandatangani: true })).status).toBe(200);

    // then the letter issued by the document connector names the applicant the case is for
    await openTask(as["front-office"]!, caseId, "serahkan");
    const timeline = (await (await call(app, as["district-admin"]!, "GET", `/cases/${caseId}/timeline`)).json()) as {
      items: { type: string; data: { sha256?: string } }[];
    };
    const letter = timeline.items.find((e) => e.type === "documentGenerated");
    expect(letter?.data.sha256).toBeTruthy();
    const text = pdfText(readFileSync(filePath(harness.workerFilesDir, letter!.data.sha256!)));
    expect(text).toContain(`Nama: ${APPLICANT.name}`);
    expect(text).toContain(`NIK: ${APPLICANT.nik}`);
    expect(text).not.toContain("Palsu");
    expect(text).not.toContain("PALSU");
    const view = await waitForCase(app, as["district-admin"]!, caseId, () => true, "the case");
    expect(view.applicant).toMatchObject(APPLICANT);
  });
});
