/**
 * The published Standar Pelayanan of a version is derived from its model: the JSON and the PDF
 * name the roles from the directory, list the model's steps with their SLAs, the return to the
 * applicant and the clock stops, and print the version's effective date.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { StandardView } from "@alur/shared/api";
import { loadCatalogue } from "@alur/workflows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { buildTestApp, call, type Session, signIn, type TestApp } from "../../testing/api-app";
import { pgliteDb } from "../../testing/servers";

let db: Db;
let app: TestApp;
let admin: Session;
let sumedang: Session;
let versionId: string;

beforeAll(async () => {
  // A database of its own: the demo cast is seeded once per database, and other files share the run's PostgreSQL.
  db = await pgliteDb();
  const built = await buildTestApp(db);
  app = built.app;
  admin = await signIn(app, built.credentials, "bks.admin");
  sumedang = await signIn(app, built.credentials, "smd.admin");
  const entry = loadCatalogue().find((e) => e.file === "pengangkatan-anak/variants/3216.bpmn")!;
  const res = await call(app, admin, "POST", "/processes", {
    bpmnXml: entry.xml,
    forms: entry.forms,
    district: "3216",
    publish: true,
    effectiveFrom: "2024-01-02",
  });
  expect(res.status, await res.clone().text()).toBe(201);
  versionId = ((await res.json()) as { version: { id: string } }).version.id;
});

afterAll(async () => {
  await db?.destroy();
});

/** The text of a PDF as poppler's pdftotext reads it, whitespace collapsed. */
function pdfText(bytes: Uint8Array, pages?: { first: number; last: number }): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "alur-standard-")), "standard.pdf");
  writeFileSync(file, bytes);
  const range = pages ? ["-f", String(pages.first), "-l", String(pages.last)] : [];
  return execFileSync("pdftotext", [...range, file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function pdfPages(bytes: Uint8Array): { pages: number; lastLandscape: boolean } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "alur-standard-")), "standard.pdf");
  writeFileSync(file, bytes);
  const info = execFileSync("pdfinfo", ["-l", "99", file], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)];
  const last = sizes[sizes.length - 1];
  return { pages, lastLandscape: !!last && Number(last[1]) > Number(last[2]) };
}

describe("GET /processes/versions/{id}/standard", () => {
  it("derives the procedure from the published model, with the directory's role names", async () => {
    // given the published Bekasi adoption model, when its standard is fetched
    const res = await call(app, admin, "GET", `/processes/versions/${versionId}/standard`);
    expect(res.status).toBe(200);
    const { standard, version } = StandardView.parse(await res.json());
    // then the procedure is the model's, the version's date is the effective date
    expect(version.status).toBe("published");
    expect(standard.validFrom).toBe("2024-01-02");
    const check = standard.procedure.find((s) => s.elementId === "periksaDokumen")!;
    expect(check.roles).toEqual([{ id: "back-office", name: "Petugas Back Office", known: true }]);
    expect(check.branches.map((b) => b.kind)).toEqual(["forward", "return"]);
    expect(standard.procedure.filter((s) => s.pausesClock)).toHaveLength(3);
    expect(standard.issuer.government).toBe("PEMERINTAH KABUPATEN BEKASI");
  });

  it("is not shown to another district, and an unknown version is 404", async () => {
    expect((await call(app, sumedang, "GET", `/processes/versions/${versionId}/standard`)).status).toBe(403);
    expect((await call(app, admin, "GET", "/processes/versions/no-such-version/standard")).status).toBe(404);
  });
});

describe("GET /processes/versions/{id}/standard.pdf", () => {
  it("is an official document: kop surat, the derived procedure, signature block and flowchart", async () => {
    // given the same version, when its PDF is fetched
    const res = await call(app, admin, "GET", `/processes/versions/${versionId}/standard.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = pdfText(bytes);
    // then poppler reads the kop surat, the title and the effective date of the version
    expect(text).toContain("PEMERINTAH KABUPATEN BEKASI DINAS SOSIAL KABUPATEN BEKASI");
    expect(text).toContain("STANDAR PELAYANAN Pelaksanaan Pelayanan Adopsi Anak");
    expect(text).toContain("Berlaku sejak 2 Januari 2024");
    // the procedure is the model's steps with role names, SLAs, the return and the clock stops
    expect(text).toContain("Periksa kelengkapan dokumen persyaratan, oleh Petugas Back Office; waktu 5 hari kerja.");
    expect(text).toContain("Jika belum lengkap, dikembalikan kepada pemohon untuk dilengkapi (langkah 3–4)");
    expect(text).toContain("waktu layanan berhenti sampai langkah 4 (Terima dokumen susulan dari COTA) selesai");
    expect(text).toContain(
      "Tunggu SK Pengangkatan Anak dari Dinas Sosial Provinsi; waktu layanan berhenti selama menunggu.",
    );
    expect(text).toContain("Waktu layanan tidak dihitung selama langkah 4, 8, 13");
    expect(text).toContain("Jumlah waktu langkah pada jalur terpanjang: 23 hari kerja.");
    expect(text).not.toMatch(/back-office|front-office|sakti-peksos/);
    // the signature block and the flowchart on a landscape last page
    expect(text).toContain("KEPALA DINAS SOSIAL KABUPATEN BEKASI");
    const { pages, lastLandscape } = pdfPages(bytes);
    expect(lastLandscape).toBe(true);
    expect(pdfText(bytes, { first: pages, last: pages })).toContain("Bagan Alir Prosedur");
    // the same version gives the same bytes
    const again = new Uint8Array(
      await (await call(app, admin, "GET", `/processes/versions/${versionId}/standard.pdf`)).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
