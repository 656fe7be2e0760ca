/**
 * The satisfaction survey over the real API and store: an applicant answers once for a completed
 * case with its tracking code, the front office enters a paper questionnaire, and the IKM report
 * gives the value computed by hand from the regulation's formula, for heads only.
 */
import { IkmReport, SurveyReceipt } from "@alur/shared/api";
import { SURVEY_ELEMENTS, type SurveyElement } from "@alur/shared/survey";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { setTrackingCodeHash } from "../../store/tracking";
import { buildTestApp, call, fixtureCase, type Session, signIn, type TestApp } from "../../testing/api-app";
import { pgliteDb } from "../../testing/servers";
import { trackingCodeHash } from "../public/tracking-code";

let db: Db;
let app: TestApp;
let head: Session;
let frontOffice: Session;
let backOffice: Session;
let sumedangHead: Session;

const PROCESS = "survei-layanan";

function answers(...values: number[]) {
  return { scores: Object.fromEntries(SURVEY_ELEMENTS.map((e, i) => [e, values[i]])) as Record<SurveyElement, number> };
}

/** A case of Bekasi's survey service with a tracking code; completed unless said. */
async function trackedCase(code: string, status = "completed") {
  const fx = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId: PROCESS });
  await setTrackingCodeHash(db, fx.caseId, trackingCodeHash(fx.caseId, code));
  await db
    .updateTable("cases")
    .set({
      status,
      ended_at: status === "completed" ? new Date() : null,
      // case numbers are upper case as the office issues them ("PAA/3216/2026/000123")
      case_number: sql`upper(case_number)`,
    })
    .where("id", "=", fx.caseId)
    .execute();
  const { case_number } = await db
    .selectFrom("cases")
    .select("case_number")
    .where("id", "=", fx.caseId)
    .executeTakeFirstOrThrow();
  return { caseId: fx.caseId, caseNumber: case_number };
}

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

beforeAll(async () => {
  db = await pgliteDb();
  const built = await buildTestApp(db);
  app = built.app;
  head = await signIn(app, built.credentials, "bks.kepala-bidang");
  frontOffice = await signIn(app, built.credentials, "bks.front-office");
  backOffice = await signIn(app, built.credentials, "bks.back-office");
  sumedangHead = await signIn(app, built.credentials, "smd.kepala-bidang");
});

afterAll(async () => {
  await db?.destroy();
});

describe("the satisfaction survey", () => {
  it("takes an applicant's answers once, only for a completed case and with the right code", async () => {
    const done = await trackedCase("AAAA-BBBB-CCCC");
    const open = await trackedCase("DDDD-EEEE-FFFF", "active");
    // a wrong code is the tracking page's 404, in both languages
    const wrong = await call(app, null, "POST", "/public/survey", {
      caseNumber: done.caseNumber,
      code: "ZZZZ-ZZZZ-ZZZZ",
      answers: answers(3, 3, 2, 4, 3, 3, 4, 2, 3),
    });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ code: "tracking-not-found" });
    // a case still running cannot be answered yet
    const early = await call(app, null, "POST", "/public/survey", {
      caseNumber: open.caseNumber,
      code: "dddd-eeee-ffff",
      answers: answers(3, 3, 2, 4, 3, 3, 4, 2, 3),
    });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: "survey-not-yet" });
    // a score outside the four-point scale is refused before anything is stored
    const bad = await call(app, null, "POST", "/public/survey", {
      caseNumber: done.caseNumber,
      code: "AAAA-BBBB-CCCC",
      answers: answers(5, 3, 2, 4, 3, 3, 4, 2, 3),
    });
    expect(bad.status).toBe(400);
    // the right pair stores it (lower case, as people type), and a second answer is refused
    const first = await call(app, null, "POST", "/public/survey", {
      caseNumber: done.caseNumber.toLowerCase(),
      code: "aaaa-bbbb-cccc",
      answers: { ...answers(3, 3, 2, 4, 3, 3, 4, 2, 3), suggestion: "Ruang tunggu kurang kursi" },
    });
    expect(first.status, await first.clone().text()).toBe(201);
    SurveyReceipt.parse(await first.json());
    const again = await call(app, null, "POST", "/public/survey", {
      caseNumber: done.caseNumber,
      code: "AAAA-BBBB-CCCC",
      answers: answers(4, 4, 4, 4, 4, 4, 4, 4, 4),
    });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { code: string; message: { id: string; en: string } };
    expect(body.code).toBe("survey-already-answered");
    expect(body.message.id).toContain("sudah diisi");
    expect(body.message.en).toContain("already been answered");
    // the decision is audited without the respondent's words
    const audits = await db
      .selectFrom("audit_log")
      .select(["outcome", "details"])
      .where("action", "=", "survey.answer")
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.details)).not.toContain("kursi");
  });

  it("lets the front office enter a paper questionnaire for a case or a service, and nobody else", async () => {
    const done = await trackedCase("GGGG-HHHH-JJJJ");
    const forCase = await call(app, frontOffice, "POST", "/surveys", {
      caseNumber: done.caseNumber,
      answers: answers(4, 3, 3, 4, 3, 4, 4, 3, 3),
    });
    expect(forCase.status, await forCase.clone().text()).toBe(201);
    // the case is now answered: the applicant cannot answer it a second time online
    const online = await call(app, null, "POST", "/public/survey", {
      caseNumber: done.caseNumber,
      code: "GGGG-HHHH-JJJJ",
      answers: answers(1, 1, 1, 1, 1, 1, 1, 1, 1),
    });
    expect(online.status).toBe(409);
    // a service of the district without a case number
    const walkIn = await call(app, frontOffice, "POST", "/surveys", {
      processId: PROCESS,
      answers: answers(3, 2, 2, 4, 3, 3, 3, 2, 2),
    });
    expect(walkIn.status, await walkIn.clone().text()).toBe(201);
    // an unknown service is 404; back office staff may not enter questionnaires
    expect(
      (
        await call(app, frontOffice, "POST", "/surveys", {
          processId: "tidak-ada",
          answers: answers(3, 3, 3, 3, 3, 3, 3, 3, 3),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(app, backOffice, "POST", "/surveys", {
          processId: PROCESS,
          answers: answers(3, 3, 3, 3, 3, 3, 3, 3, 3),
        })
      ).status,
    ).toBe(403);
  });

  it("reports the IKM computed by the regulation's formula, for heads of the district only", async () => {
    // a fourth respondent makes the worked example of ikm.test.ts: (3,3,2,4,3,3,4,2,3), (4,3,3,4,3,4,4,3,3),
    // (3,2,2,4,3,3,3,2,2) are in; (4,4,3,4,4,3,4,3,3) at the counter completes it
    const done = await trackedCase("KKKK-LLLL-MMMM");
    expect(
      (
        await call(app, frontOffice, "POST", "/surveys", {
          caseNumber: done.caseNumber,
          answers: answers(4, 4, 3, 4, 4, 3, 4, 3, 3),
        })
      ).status,
    ).toBe(201);
    const res = await call(app, head, "GET", `/reports/ikm?processId=${PROCESS}&from=${today}&to=${today}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const report = IkmReport.parse(await res.json());
    // by hand: NRR per element 3.5, 3, 2.5, 4, 3.25, 3.25, 3.75, 2.5, 2.75; Σ/9 = 28.5/9 = 3.1667; × 25 = 79.17 → B (Baik)
    expect(report.respondents).toBe(4);
    expect(report.elements.map((e) => e.mean)).toEqual([3.5, 3, 2.5, 4, 3.25, 3.25, 3.75, 2.5, 2.75]);
    expect(report.converted).toBe(79.17);
    expect(report.grade).toBe("B");
    expect(report.performance?.id).toBe("Baik");
    // three completed cases in the period (neither the running one nor the walk-in counts); the sample for 3 is 3
    expect(report.population).toBe(3);
    expect(report.minimumSample).toBe(3);
    expect(report.suggestions.map((s) => s.text)).toEqual(["Ruang tunggu kurang kursi"]);
    // another period has nobody
    const empty = IkmReport.parse(
      await (await call(app, head, "GET", `/reports/ikm?processId=${PROCESS}&from=2020-01-01&to=2020-12-31`)).json(),
    );
    expect(empty).toMatchObject({ respondents: 0, converted: null, grade: null, population: 0 });
    // front office and another district's head are refused; a reversed period is a 400
    expect((await call(app, frontOffice, "GET", `/reports/ikm?from=${today}&to=${today}`)).status).toBe(403);
    const other = IkmReport.parse(
      await (
        await call(app, sumedangHead, "GET", `/reports/ikm?processId=${PROCESS}&from=${today}&to=${today}`)
      ).json(),
    );
    expect(other).toMatchObject({ district: "3211", respondents: 0 });
    expect((await call(app, head, "GET", "/reports/ikm?from=2026-02-01&to=2026-01-01")).status).toBe(400);
    // a date that is no date is refused too (the API fuzzer's 0000-00-00 once made it a 500)
    expect((await call(app, head, "GET", "/reports/ikm?from=0000-00-00&to=0000-00-00")).status).toBe(400);
    expect((await call(app, head, "GET", "/reports/ikm?from=2026-02-30&to=2026-03-01")).status).toBe(400);
  });
});
