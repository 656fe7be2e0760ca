import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { listCaseEvents } from "../store/case-events";
import { listCaseDocuments } from "../store/cases";
import { type Db, openDb } from "../store/db";
import { filePath } from "../store/file-store";
import { insertCase } from "../testing/case-rows";
import { type ConnectorDeps, type ConnectorInput, hostAllowed, listNotifications, runConnector } from "./index";

let db: Db;
let server: Server;
let baseUrl: string;
let deps: ConnectorDeps;
let caseId: string;
const calls: { method?: string; body: string; key?: string; url?: string; headers?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  caseId = await insertCase(db);
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      calls.push({
        method: req.method,
        body,
        key: req.headers["idempotency-key"] as string,
        url: req.url,
        headers: req.headers,
      });
      if (req.url?.startsWith("/applicants/")) {
        res
          .writeHead(200, { "content-type": "application/json", "x-request-id": "r-1" })
          .end(JSON.stringify({ id: req.url.split(/[/?]/)[2], registered: true, name: "Siti" }));
      } else if (req.url === "/ok") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ eligible: true }));
      } else if (req.url === "/missing") {
        res.writeHead(404).end("no such applicant");
      } else if (req.url === "/slow") {
        setTimeout(() => res.writeHead(200).end("{}"), 2000);
      } else {
        res.writeHead(503).end("down");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps = {
    db,
    logger: createLogger({ level: "silent", pretty: false }),
    httpAllow: ["127.0.0.1", "*.jabarprov.go.id"],
    filesDir: path.join(mkdtempSync(path.join(tmpdir(), "alur-files-")), "files"),
  };
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

function job(type: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): ConnectorInput {
  return {
    caseId,
    district: "3216",
    elementId: "Task_1",
    elementInstanceId: "ei-1",
    jobKey: `job-${type}-${calls.length}-${Object.keys(headers).join()}`,
    type,
    headers,
    variables,
    at: "2025-03-24T03:00:00.000Z",
  };
}

describe("http connector", () => {
  it("posts JSON to an allowed host and returns the response as a variable", async () => {
    const result = await runConnector(
      deps,
      job("http", { url: `${baseUrl}/ok`, resultVariable: "check" }, { nik: "1" }),
    );
    expect(result).toEqual({ ok: true, output: { check: { status: 200, body: { eligible: true } } } });
    expect(JSON.parse(calls.at(-1)?.body ?? "")).toEqual({ nik: "1" });
    expect(calls.at(-1)?.key).toMatch(/^job-http/);
  });

  it("refuses a host outside the allow-list without calling it", async () => {
    const before = calls.length;
    const result = await runConnector(deps, job("http", { url: "http://example.com/x" }));
    expect(result).toMatchObject({ ok: false, bpmnError: { code: "http-host-not-allowed" } });
    expect(calls.length).toBe(before);
  });

  it("a 4xx is a BPMN error the model can catch", async () => {
    const result = await runConnector(deps, job("http", { url: `${baseUrl}/missing` }));
    expect(result).toMatchObject({ ok: false, bpmnError: { code: "http-404" } });
  });

  it("a 5xx throws so that Temporal retries it", async () => {
    await expect(runConnector(deps, job("http", { url: `${baseUrl}/down` }))).rejects.toThrow("HTTP 503");
  });

  it("times out after timeoutMs", async () => {
    await expect(runConnector(deps, job("http", { url: `${baseUrl}/slow`, timeoutMs: "200" }))).rejects.toThrow();
  });

  it("matches hosts exactly or by a *. suffix rule", () => {
    expect(hostAllowed(new URL("https://dinsos.jabarprov.go.id/api"), ["*.jabarprov.go.id"])).toBe(true);
    expect(hostAllowed(new URL("https://jabarprov.go.id.evil.com/"), ["*.jabarprov.go.id"])).toBe(false);
    expect(hostAllowed(new URL("https://api.example.com:8443/"), ["api.example.com:8443"])).toBe(true);
    expect(hostAllowed(new URL("https://api.example.com/"), [""])).toBe(false);
  });
});

describe("Camunda REST connector (io.camunda:http-json:1)", () => {
  const rest = (headers: Record<string, string>, variables: Record<string, unknown>) =>
    runConnector(deps, job("io.camunda:http-json:1", headers, variables));

  it("sends what the element template's inputs say and keeps the response under resultVariable", async () => {
    // given: the inputs Camunda Modeler's REST template writes (url, method, headers, query, bearer auth)
    const result = await rest(
      { resultVariable: "lookup" },
      {
        url: `${baseUrl}/applicants/3216`,
        method: "GET",
        headers: { "X-Office": "dinsos-bks" },
        queryParameters: { include: "status", page: 1 },
        authentication: { type: "bearer", token: "t0k3n" },
      },
    );

    // then
    const call = calls.at(-1);
    expect(call?.method).toBe("GET");
    expect(call?.url).toBe("/applicants/3216?include=status&page=1");
    expect(call?.headers).toMatchObject({ authorization: "Bearer t0k3n", "x-office": "dinsos-bks" });
    expect(call?.body).toBe("");
    expect(result).toMatchObject({
      ok: true,
      output: { lookup: { status: 200, body: { id: "3216", registered: true }, headers: { "x-request-id": "r-1" } } },
    });
  });

  it("maps the response through resultExpression, with body.x and response.body.x alike", async () => {
    const result = await rest(
      { resultExpression: "={ registered: body.registered, applicantName: response.body.name, code: status }" },
      {
        url: `${baseUrl}/applicants/7`,
        method: "POST",
        body: { nik: "3216" },
        authentication: { type: "basic", username: "u", password: "p" },
      },
    );
    expect(result).toEqual({ ok: true, output: { registered: true, applicantName: "Siti", code: 200 } });
    expect(JSON.parse(calls.at(-1)?.body ?? "")).toEqual({ nik: "3216" });
    expect(calls.at(-1)?.headers?.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
  });

  it("puts an API key where the template says (query or header)", async () => {
    await rest(
      {},
      {
        url: `${baseUrl}/applicants/1`,
        authentication: { type: "apiKey", location: "query", name: "key", value: "k1" },
      },
    );
    expect(calls.at(-1)?.url).toBe("/applicants/1?key=k1");
    await rest(
      {},
      {
        url: `${baseUrl}/applicants/1`,
        authentication: { type: "apiKey", location: "headers", name: "X-Api-Key", value: "k2" },
      },
    );
    expect(calls.at(-1)?.headers?.["x-api-key"]).toBe("k2");
  });

  it("keeps Alur's rules: the host allow-list, 4xx as BPMN error, 5xx and unsupported auth retried", async () => {
    const before = calls.length;
    expect(await rest({}, { url: "https://example.com/x" })).toMatchObject({
      ok: false,
      bpmnError: { code: "http-host-not-allowed" },
    });
    expect(calls.length).toBe(before);
    expect(await rest({}, { url: `${baseUrl}/missing` })).toMatchObject({ ok: false, bpmnError: { code: "http-404" } });
    await expect(rest({}, { url: `${baseUrl}/down` })).rejects.toThrow("HTTP 503");
    await expect(
      rest({}, { url: `${baseUrl}/ok`, authentication: { type: "oauth-client-credentials-flow" } }),
    ).rejects.toThrow("not supported");
  });

  it("a resultExpression that is not a context fails the job instead of writing nonsense", async () => {
    await expect(rest({ resultExpression: "=body.registered" }, { url: `${baseUrl}/applicants/2` })).rejects.toThrow(
      "not a context",
    );
  });
});

describe("notify connector", () => {
  it("stores one notification per job even when retried", async () => {
    const input = job(
      "notify",
      { roles: "kepala-bidang, sekretaris", title: "SLA {{service}}", message: "Kasus {{caseNumber}} terlambat" },
      { service: "Adopsi", caseNumber: "BKS-1" },
    );
    const first = await runConnector(deps, input);
    const again = await runConnector(deps, input);
    expect(first).toEqual(again);
    const rows = await listNotifications(db, { district: "3216", roles: ["kepala-bidang"], caseId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: "SLA Adopsi", body: "Kasus BKS-1 terlambat" });
    expect(rows[0]?.roles).toEqual(["kepala-bidang", "sekretaris"]);
    expect(await listNotifications(db, { district: "3216", roles: ["front-office"], caseId })).toHaveLength(0);
  });

  it("without roles it is a BPMN error", async () => {
    expect(await runConnector(deps, job("notify", {}))).toMatchObject({
      ok: false,
      bpmnError: { code: "notify-no-roles" },
    });
  });
});

describe("document connector", () => {
  it("renders a recommendation letter, stores it by sha256 and attaches it to the case once", async () => {
    const variables = {
      letterNumber: "460/123/Dinsos",
      office: "Dinas Sosial Kabupaten Bekasi",
      applicant: { name: "Siti Aminah", nik: "3216000000000001", address: "Cikarang" },
      purpose: "pengajuan PBI-JKN — aktivasi ≥ segera",
      place: "Cikarang",
      date: "24 Maret 2025",
    };
    const input = job(
      "document",
      { template: "surat-rekomendasi", fileName: "rekomendasi-{{applicant.nik}}.pdf" },
      variables,
    );
    const first = await runConnector(deps, input);
    const retried = await runConnector(deps, input);
    if (!first.ok) throw new Error("document failed");
    // same data and date → same bytes → same hash
    expect(retried).toEqual(first);
    const doc = first.output.document as { sha256: string; fileName: string; size: number };
    expect(doc.fileName).toBe("rekomendasi-3216000000000001.pdf");
    const bytes = readFileSync(filePath(deps.filesDir, doc.sha256));
    expect(bytes.byteLength).toBe(doc.size);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe("SURAT REKOMENDASI");
    const events = (await listCaseEvents(db, caseId)).filter((e) => e.type === "documentGenerated");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ sha256: doc.sha256 });
    // a case document (listed with the uploads) and one audit entry, despite the retry
    const documents = await listCaseDocuments(db, caseId);
    expect(documents.map((d) => [d.sha256, d.filename, d.uploaded_by])).toEqual([
      [doc.sha256, "rekomendasi-3216000000000001.pdf", null],
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "case.document-generated")
      .where("resource_id", "=", caseId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("an unknown template is a BPMN error", async () => {
    expect(await runConnector(deps, job("document", { template: "nope" }))).toMatchObject({
      ok: false,
      bpmnError: { code: "document-unknown-template" },
    });
  });
});

it("an unknown connector type is a BPMN error, not a crash", async () => {
  expect(await runConnector(deps, job("ftp", {}))).toMatchObject({
    ok: false,
    bpmnError: { code: "unknown-connector" },
  });
});
