/**
 * The `alur` CLI drives a case end to end against a spawned `alur serve` (PostgreSQL + the run's
 * Temporal dev server): deploy a model with its form, start a case with a requirement document,
 * then list, show, claim, unclaim, delegate and complete each step as the staff who hold its role
 * (a colleague's claim answers 409, a form rejection 422, both exit 1). Every command is run
 * the way a script would: `npx alur ...`, credentials in the environment, output parsed.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type CreatedAccount, createAccounts } from "../src/auth/accounts";
import { ensureReferenceData } from "../src/auth/seed-demo";
import { REPO_ROOT } from "../src/env";
import type { Db } from "../src/store/db";
import { eventually, freePort, type ServeProcess, spawnServe, stopServe } from "../src/testing";
import { postgresDb } from "../src/testing/servers";

const suffix = `${process.pid}${Date.now().toString(36)}`;
const PROCESS_ID = `cli-uji-${suffix}`;
const DISTRICT = "3216";
const work = mkdtempSync(path.join(tmpdir(), "alur-cli-"));
const users: Record<string, CreatedAccount> = {};
let db: Db;
let server: ServeProcess | undefined;

beforeAll(async () => {
  db = await postgresDb();
  await ensureReferenceData(db);
  const created = await createAccounts(
    db,
    ["district-admin", "front-office", "back-office", "back-office-2", "kepala-bidang"].map((name) => ({
      username: `cli${suffix}.${name}`,
      orgUnitId: DISTRICT,
      district: DISTRICT,
      roles: [name.replace(/-2$/, "")],
    })),
  );
  // keyed by the name after the prefix: the role, or "back-office-2" for the colleague
  for (const u of created) users[u.username.split(".")[1]!] = u;
  // the fixture model under a name of its own, its form, and a requirement document
  const xml = readFileSync(path.join(REPO_ROOT, "runtime/src/api/fixtures/layanan-uji.bpmn"), "utf8");
  writeFileSync(path.join(work, "model.bpmn"), xml.replaceAll('"layanan-uji"', `"${PROCESS_ID}"`));
  writeFileSync(
    path.join(work, "forms.json"),
    JSON.stringify({
      verifikasi: { components: [{ type: "textfield", key: "hasil", validate: { required: true } }] },
    }),
  );
  writeFileSync(path.join(work, "ktp.pdf"), "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  server = await spawnServe({
    env: {
      DATABASE_URL: inject("databaseUrl"),
      TEMPORAL_ADDRESS: inject("temporalAddress"),
      TEMPORAL_TASK_QUEUE: `cli-${suffix}`,
      ALUR_DATA_DIR: work,
    },
  });
}, 180_000);

afterAll(async () => {
  await stopServe(server);
  await db?.destroy();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx alur <args>` signed in as the user holding `role`. */
function alur(role: string, args: string[]): Promise<Run> {
  const user = users[role]!;
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["alur", ...args],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          ALUR_URL: `${server!.baseUrl}/api`,
          ALUR_USER: user.username,
          ALUR_PASSWORD: user.password,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

type Listed = { id: string; caseNumber: string; elementId: string; assignee: string | null };

/** Polls `alur tasks list --json` until the case's step shows up in the role's inbox. */
async function waitForStep(role: string, caseNumber: string, elementId: string): Promise<Listed> {
  return eventually(
    async () => {
      const run = await alur(role, ["tasks", "list", "--scope", "unassigned", "--case", caseNumber, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as Listed[]).find((t) => t.caseNumber === caseNumber && t.elementId === elementId);
    },
    60_000,
    500,
  );
}

describe("alur CLI against a running server", () => {
  it("deploys, starts a case and works both steps to the end", async () => {
    // given the model deployed by the district admin
    const deployed = await alur("district-admin", [
      "deploy",
      path.join(work, "model.bpmn"),
      "--district",
      DISTRICT,
      "--forms",
      path.join(work, "forms.json"),
    ]);
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stdout).toMatch(new RegExp(`^${PROCESS_ID} v1 published \\(`));

    // when the front office starts a case with the KTP
    const started = await alur("front-office", [
      "start-case",
      "--process",
      PROCESS_ID,
      "--district",
      DISTRICT,
      "--name",
      "Budi Santoso",
      "--nik",
      "3216010101900001",
      "--document",
      `ktp=${path.join(work, "ktp.pdf")}`,
      "--json",
    ]);
    expect(started.code, started.stderr).toBe(0);
    const kase = JSON.parse(started.stdout) as { id: string; caseNumber: string; documents: unknown[] };
    expect(kase.caseNumber).toMatch(/^UJI\/BKS\/\d{4}\/\d+$/);
    expect(kase.documents).toHaveLength(1);

    // then the back office finds the verification step, claims it, gives it back and claims it again
    const verify = await waitForStep("back-office", kase.caseNumber, "verify");
    const claimed = await alur("back-office", ["tasks", "claim", verify.id]);
    expect(claimed.code, claimed.stderr).toBe(0);
    expect(claimed.stdout).toContain(`claimed ${verify.id}`);
    const shown = await alur("back-office", ["tasks", "show", verify.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`assignee ${users["back-office"]!.id}`);
    expect(shown.stdout).toContain("form fields hasil");
    expect((await alur("back-office", ["tasks", "unclaim", verify.id])).stdout).toContain(`unclaimed ${verify.id}`);
    expect((await alur("back-office", ["tasks", "claim", verify.id])).code).toBe(0);
    // a colleague may not complete a task claimed by someone else: 409, exit 1
    const taken = await alur("back-office-2", ["tasks", "complete", verify.id, "--data", '{"hasil":"x"}']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/HTTP 409/);
    // until it is delegated to them
    const delegated = await alur("back-office", ["tasks", "delegate", verify.id, "--to", users["back-office-2"]!.id]);
    expect(delegated.code, delegated.stderr).toBe(0);
    expect(delegated.stdout).toContain(`delegated ${verify.id} to ${users["back-office-2"]!.id}`);

    // a completion the form rejects fails with the API's message and a non-zero exit code
    const rejected = await alur("back-office-2", ["tasks", "complete", verify.id, "--data", "{}"]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/HTTP 422/);
    const done = await alur("back-office-2", ["tasks", "complete", verify.id, "--data", '{"hasil":"lengkap"}']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`completed ${verify.id}`);

    // and the head of division completes the approval without claiming first
    const approve = await waitForStep("kepala-bidang", kase.caseNumber, "approve");
    const approved = await alur("kepala-bidang", ["tasks", "complete", approve.id]);
    expect(approved.code, approved.stderr).toBe(0);

    // the case is completed, with the verification's data on its task
    const row = await eventually(async () => {
      const r = await db.selectFrom("cases").selectAll().where("id", "=", kase.id).executeTakeFirstOrThrow();
      return r.status === "completed" ? r : undefined;
    });
    expect(row.case_number).toBe(kase.caseNumber);
    const task = await db.selectFrom("tasks").selectAll().where("id", "=", verify.id).executeTakeFirstOrThrow();
    expect(task.result).toEqual({ hasil: "lengkap" });
  });

  it("fails clearly: no credentials, a wrong password, bad --data, no server", async () => {
    const noCreds = await new Promise<Run>((resolve) =>
      execFile(
        "npx",
        ["alur", "tasks", "list", "--url", `${server!.baseUrl}/api`],
        { cwd: REPO_ROOT, env: { ...process.env, ALUR_USER: "", ALUR_PASSWORD: "" } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(noCreds.code).toBe(1);
    expect(noCreds.stderr).toContain("sign-in needed");
    const wrong = await alur("front-office", ["tasks", "list", "--password", "salah"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401/);
    const badData = await alur("back-office", ["tasks", "complete", "any", "--data", "{not json"]);
    expect(badData.code).toBe(1);
    expect(badData.stderr).toContain("--data is not valid JSON");
    const nowhere = await alur("front-office", ["tasks", "list", "--url", `http://127.0.0.1:${await freePort()}/api`]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain("cannot reach the Alur server");
  });

  it("deploy refuses a model the publish gate refuses and lists its problems", async () => {
    // given the fixture model with its first user task stripped of its role
    const roleless = readFileSync(path.join(work, "model.bpmn"), "utf8")
      .replaceAll(`"${PROCESS_ID}"`, `"${PROCESS_ID}-tanpa-peran"`)
      .replace('<zeebe:assignmentDefinition candidateGroups="back-office" />', "");
    writeFileSync(path.join(work, "roleless.bpmn"), roleless);
    // when the admin deploys it
    const run = await alur("district-admin", ["deploy", path.join(work, "roleless.bpmn"), "--district", DISTRICT]);
    // then nothing is published and the problem is named, as alur validate names it
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/verify\s+user-task-without-role\s+Langkah "Verifikasi berkas": belum ditentukan peran/);
  });
});
