/**
 * Hostile request bodies and strings against the in-process app: bodies of unauthenticated
 * callers are not read, bodies have per-route limits (413 while streaming, not after buffering),
 * and strings PostgreSQL cannot take or JSON too deep to validate answer 400, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../auth/seed-demo";
import { type Db, openDb } from "../store/db";
import { buildTestApp, call, fixtureCase, type Session, signIn, type TestApp } from "../testing/api-app";

let db: Db;
let app: TestApp;
let credentials: DemoCredential[];
let frontOffice: Session;
let backOffice: Session;
let admin: Session;
let caseId: string;

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ app, credentials } = await buildTestApp(db));
  frontOffice = await signIn(app, credentials, "bks.front-office");
  backOffice = await signIn(app, credentials, "bks.back-office");
  admin = await signIn(app, credentials, "bks.admin");
  ({ caseId } = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: frontOffice.userId }));
}, 120_000);
afterAll(() => db.destroy());

const MB = 1024 * 1024;

/** A body of `total` bytes produced on demand, counting how many bytes the server pulled. */
function countedBody(parts: { head: string; fill: number; tail: string }) {
  const encoder = new TextEncoder();
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let pulled = 0;
  let stage = 0;
  let left = parts.fill;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let out: Uint8Array;
      if (stage === 0) {
        out = encoder.encode(parts.head);
        stage = 1;
      } else if (stage === 1 && left > 0) {
        out = left >= chunk.byteLength ? chunk : chunk.subarray(0, left);
        left -= out.byteLength;
      } else if (stage === 1) {
        out = encoder.encode(parts.tail);
        stage = 2;
      } else {
        controller.close();
        return;
      }
      pulled += out.byteLength;
      controller.enqueue(out);
    },
  });
  return { stream, pulled: () => pulled };
}

function send(url: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>) {
  return app.request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

const BOUNDARY = "----alur-test-boundary";
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;
function filePart(field: string, filename: string, contentType: string): string {
  return (
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="data"\r\n\r\n` +
    `${JSON.stringify({ name: "sk-provinsi-diterima" })}\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    `Content-Type: ${contentType}\r\n\r\n`
  );
}

async function expectError(res: Response, status: number, code: string) {
  const body = (await res.json()) as { code: string; message: { id: string; en: string } };
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body.message.id.length).toBeGreaterThan(0);
  expect(body.message.en.length).toBeGreaterThan(0);
}

describe("request bodies", () => {
  it("answers 401 to an unauthenticated 50 MB JSON body without reading it", async () => {
    // given a 50 MB JSON body and no credentials
    const body = countedBody({ head: '{"district":"3216","name":"x","payload":{"a":"', fill: 50 * MB, tail: '"}}' });

    // when it is posted
    const res = await send("/signals", { "content-type": "application/json" }, body.stream);

    // then it is refused before its body is read
    await expectError(res, 401, "unauthenticated");
    expect(body.pulled()).toBeLessThan(MB);
  });

  it("answers 401 to an unauthenticated 100 MB upload without reading it", async () => {
    // given a 100 MB multipart upload and no credentials
    const body = countedBody({
      head: filePart("file", "a.pdf", "application/pdf"),
      fill: 100 * MB,
      tail: `\r\n--${BOUNDARY}--\r\n`,
    });

    // when it is posted
    const res = await send(`/cases/${caseId}/messages`, { "content-type": multipartType }, body.stream);

    // then it is refused before its body is read
    await expectError(res, 401, "unauthenticated");
    expect(body.pulled()).toBeLessThan(MB);
  });

  it("answers 413 to a signed-in JSON body over 1 MB, reading little more than the limit", async () => {
    // given a 20 MB JSON body from a signed-in district admin
    const body = countedBody({ head: '{"district":"3216","name":"x","payload":{"a":"', fill: 20 * MB, tail: '"}}' });

    // when it is posted
    const res = await send("/signals", { ...admin.headers, "content-type": "application/json" }, body.stream);

    // then it is refused with the bilingual message once the limit is passed
    await expectError(res, 413, "body-too-large");
    expect(body.pulled()).toBeLessThan(2 * MB);
  });

  it("answers 413 to a signed-in upload of a 100 MB file while streaming it", async () => {
    // given a message with one 100 MB file (the limit is 10 MB a file)
    const body = countedBody({
      head: filePart("file", "sk.pdf", "application/pdf"),
      fill: 100 * MB,
      tail: `\r\n--${BOUNDARY}--\r\n`,
    });

    // when it is posted
    const res = await send(
      `/cases/${caseId}/messages`,
      { ...frontOffice.headers, "content-type": multipartType },
      body.stream,
    );

    // then it is refused once 10 MB have streamed, not after 100 MB
    await expectError(res, 413, "file-too-large");
    expect(body.pulled()).toBeLessThan(12 * MB);
  });
});

describe("strings and shapes PostgreSQL or the validator cannot take", () => {
  it("answers 400 to a NUL byte in a query string", async () => {
    const res = await call(app, backOffice, "GET", "/tasks?scope=unassigned&q=%00");
    await expectError(res, 400, "validation-failed");
  });

  it("answers 400 to a NUL byte in a path id", async () => {
    const res = await call(app, backOffice, "GET", "/cases/abc%00def");
    await expectError(res, 400, "validation-failed");
  });

  it("answers 400 to a NUL byte in an applicant field", async () => {
    const res = await call(app, frontOffice, "POST", "/cases", {
      processId: "fixture-3216",
      district: "3216",
      applicant: { name: "Dewi\u0000Lestari" },
    });
    await expectError(res, 400, "validation-failed");
  });

  it("answers 400 to a NUL byte in an uploaded file name", async () => {
    const pdf = "%PDF-1.4\n%test\n";
    const res = await app.request(`/cases/${caseId}/messages`, {
      method: "POST",
      headers: { ...frontOffice.headers, "content-type": multipartType },
      body: `${filePart("file", "sk\u0000.pdf", "application/pdf")}${pdf}\r\n--${BOUNDARY}--\r\n`,
    });
    await expectError(res, 400, "validation-failed");
  });

  it("answers 400 to an inbox cursor whose date PostgreSQL rejects", async () => {
    for (const due of ["2026-02-30T00:00:00.000Z", "1", "+275760-09-13T00:00:00.000Z"]) {
      const cursor = Buffer.from(JSON.stringify([due, "x"])).toString("base64url");
      const res = await call(app, backOffice, "GET", `/tasks?scope=unassigned&cursor=${cursor}`);
      await expectError(res, 400, "validation-failed");
    }
  });

  it("answers 400 to JSON nested 8,000 deep", async () => {
    const deep = `${"[".repeat(8000)}${"]".repeat(8000)}`;
    const res = await app.request("/signals", {
      method: "POST",
      headers: { ...admin.headers, "content-type": "application/json" },
      body: `{"district":"3216","name":"x","payload":{"a":${deep}}}`,
    });
    await expectError(res, 400, "validation-failed");
  });
});
