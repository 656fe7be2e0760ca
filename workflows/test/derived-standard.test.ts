/**
 * The published standard is derived from the model: the procedure of each catalogue model is its
 * own steps, in order, with role names, SLAs, returns and clock stops; the completion time is
 * checked against the longest path's SLA sum.
 */
import { deriveStandard, parseBpmn, validateXml } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src";

/** Role names as the directory holds them (runtime/src/auth/roles.ts, the built-in roles). */
const DIRECTORY: Record<string, string> = {
  "front-office": "Petugas Front Office",
  "back-office": "Petugas Back Office",
  "pekerja-sosial": "Pekerja Sosial",
  "sakti-peksos": "Sakti Peksos",
  "ketua-tim": "Ketua Tim",
  "kepala-bidang": "Kepala Bidang",
  sekretaris: "Sekretaris",
  "kepala-dinas": "Kepala Dinas",
};

const catalogue = loadCatalogue();

async function derive(file: string, effectiveFrom?: string) {
  const entry = catalogue.find((e) => e.file === file);
  if (!entry) throw new Error(`${file} is not in the catalogue`);
  const { definitions } = await parseBpmn(entry.xml);
  const result = deriveStandard({
    definitions: definitions!,
    roleNames: DIRECTORY,
    district: { code: "3216", name: "Kabupaten Bekasi", level: "district" },
    ...(effectiveFrom ? { effectiveFrom } : {}),
  });
  expect(result.problems).toEqual([]);
  return result.derived!;
}

describe("derived standard of the Bekasi adoption variant", () => {
  it("lists the model's steps in order, with role names instead of codes", async () => {
    // given the Bekasi adoption model, when its standard is derived
    const d = await derive("pengangkatan-anak/variants/3216.bpmn");
    // then the procedure is the model's steps in reading order, the return branch right after its check
    expect(d.procedure.map((s) => s.elementId)).toEqual([
      "konsultasi",
      "periksaDokumen",
      "beritahuKekurangan",
      "terimaKelengkapan",
      "kunjunganRumah",
      "suratPengantar",
      "kirimBerkas",
      "tungguSkProvinsi",
      "ingatkanProvinsi",
      "siapkanRekomendasi",
      "tandatanganRekomendasi",
      "suratRekomendasi",
      "catatPutusan",
      "kabarSelesai",
      "kabarDitolak",
    ]);
    expect(d.procedure.map((s) => s.order)).toEqual(d.procedure.map((_, i) => i + 1));
    const visit = d.procedure.find((s) => s.elementId === "kunjunganRumah")!;
    expect(visit.roles.map((r) => r.name)).toEqual(["Sakti Peksos", "Pekerja Sosial"]);
    expect(visit.text).toBe(
      "Kunjungan rumah dan laporan sosial, oleh Sakti Peksos / Pekerja Sosial; waktu 10 hari kerja.",
    );
    expect(d.procedure.flatMap((s) => s.text)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/back-office|front-office/)]),
    );
  });

  it("says in plain Indonesian that an incomplete file returns to the applicant and stops the clock", async () => {
    const d = await derive("pengangkatan-anak/variants/3216.bpmn");
    const check = d.procedure.find((s) => s.elementId === "periksaDokumen")!;
    expect(check.sla).toEqual({ value: 5, unit: "workingDays" });
    const back = check.branches.find((b) => b.kind === "return")!;
    expect(back).toMatchObject({ label: "Belum lengkap", toStep: 2, viaSteps: [3, 4], pausesClock: true });
    expect(back.text).toBe(
      "Jika belum lengkap, dikembalikan kepada pemohon untuk dilengkapi (langkah 3–4), lalu diproses kembali mulai langkah 2; waktu layanan berhenti sampai langkah 4 (Terima dokumen susulan dari COTA) selesai.",
    );
    expect(check.branches.find((b) => b.kind === "forward")?.toStep).toBe(5);
  });

  it("marks the clock stops and sums the SLAs of the longest path once, waits left out", async () => {
    const d = await derive("pengangkatan-anak/variants/3216.bpmn");
    expect(d.procedure.filter((s) => s.pausesClock).map((s) => s.elementId)).toEqual([
      "terimaKelengkapan",
      "tungguSkProvinsi",
      "catatPutusan",
    ]);
    expect(d.procedure.find((s) => s.elementId === "tungguSkProvinsi")?.text).toContain(
      "waktu layanan berhenti selama menunggu",
    );
    // 1 + 5 + 10 + 2 + 3 + 2 working days; the documents loop counts once
    expect(d.slaPath.workingMinutes).toBe(23 * 450);
    expect(d.procedure.find((s) => s.elementId === "ingatkanProvinsi")?.trigger).toEqual({
      step: 8,
      label: "Setiap 30 hari",
    });
  });

  it("prints the version's effective date and the kop surat of the district", async () => {
    const d = await derive("pengangkatan-anak/variants/3216.bpmn", "2024-01-02");
    expect(d.validFrom).toBe("2024-01-02");
    expect(d.notes.map((n) => n.code)).toEqual(["standard-date-differs"]);
    expect(d.issuer).toEqual({
      government: "PEMERINTAH KABUPATEN BEKASI",
      office: "Dinas Sosial Kabupaten Bekasi",
      district: "3216",
      signatory: "Kepala Dinas Sosial Kabupaten Bekasi",
    });
    expect(d.diagram?.shapes.find((s) => s.elementId === "periksaDokumen")?.step).toBe(2);
  });
});

describe("derived standards of the whole catalogue", () => {
  it.each(catalogue.map((e) => [e.file]))("%s: every task of the model is a numbered step", async (file) => {
    const entry = catalogue.find((e) => e.file === file)!;
    const d = await derive(file);
    const tasks = [...entry.xml.matchAll(/<bpmn:(?:userTask|serviceTask|sendTask|receiveTask) id="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(d.procedure.map((s) => s.elementId).sort()).toEqual(expect.arrayContaining(tasks.sort()));
    for (const step of d.procedure) expect(step.text.length).toBeGreaterThan(step.name.length);
  });

  it("family tracing: the reporter's missing file stops the clock and the sum is the decree's 7 working days", async () => {
    const d = await derive("penelusuran-keluarga/penelusuran-keluarga.bpmn");
    const back = d.procedure.flatMap((s) => s.branches).find((b) => b.kind === "return")!;
    expect(back.pausesClock).toBe(true);
    expect(d.slaPath).toMatchObject({ inCompletionUnit: 7, exact: true });
  });

  it("the LKS permit of Seruyan: its SLAs add to 19 working days against the declared 14, and validation says so", async () => {
    const d = await derive("lembaga-kesejahteraan-sosial/variants/6207.bpmn");
    expect(d.slaPath).toMatchObject({ inCompletionUnit: 19, exact: true });
    const entry = catalogue.find((e) => e.file === "lembaga-kesejahteraan-sosial/variants/6207.bpmn")!;
    const { problems } = await validateXml(entry.xml);
    expect(problems.find((p) => p.code === "completion-time-under-sla")?.message.id).toContain(
      "(14 hari kerja) lebih pendek dari jumlah SLA pada jalur terpanjang (19 hari kerja:",
    );
  });
});
