import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_ROLES } from "../schemas/roles";
import { describeModelChanges, type ElementChange } from "./describe-changes";

const WORKFLOWS = path.resolve(import.meta.dirname, "../../../workflows");
const adoption = readFileSync(path.join(WORKFLOWS, "pengangkatan-anak/pengangkatan-anak.bpmn"), "utf8");
const sjpp = readFileSync(path.join(WORKFLOWS, "rekomendasi-sjpp/rekomendasi-sjpp.bpmn"), "utf8");
const adoption3216 = readFileSync(path.join(WORKFLOWS, "pengangkatan-anak/variants/3216.bpmn"), "utf8");
const homeVisitForm = JSON.parse(
  readFileSync(path.join(WORKFLOWS, "pengangkatan-anak/forms/pengangkatan-anak-kunjungan-rumah.form"), "utf8"),
);

/** Replaces exactly one occurrence, so a test never edits what it did not mean to. */
function edit(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" is not in the model exactly once`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

function byId(changes: ElementChange[], id: string): ElementChange | undefined {
  return changes.find((c) => c.elementId === id);
}

describe("describeModelChanges", () => {
  it("says an SLA went from 10 to 7 working days and names the roles from the directory", async () => {
    // given the adoption template with the home visit's SLA cut and its roles changed
    const after = edit(
      edit(
        adoption,
        'slaValue="10" slaUnit="workingDays" escalateTo="ketua-tim"',
        'slaValue="7" slaUnit="workingDays" escalateTo="ketua-tim"',
      ),
      'candidateGroups="sakti-peksos,pekerja-sosial"',
      'candidateGroups="pekerja-sosial,kepala-bidang"',
    );
    // when
    const changes = await describeModelChanges(adoption, after, { roles: BUILTIN_ROLES });
    // then only the home visit changed, named by its name with the id as a detail
    expect(changes.problems).toEqual([]);
    expect(changes.elements).toHaveLength(1);
    const visit = byId(changes.elements, "kunjunganRumah");
    expect(visit?.change).toBe("changed");
    expect(visit?.element.id).toBe('langkah "Kunjungan rumah dan laporan sosial" [kunjunganRumah]');
    expect(visit?.details.map((d) => d.id)).toEqual([
      "peran: Sakti Peksos, Pekerja Sosial → Pekerja Sosial, Kepala Bidang",
      "SLA 10 → 7 hari kerja",
    ]);
    expect(visit?.details.map((d) => d.en)).toEqual([
      "role: Sakti Peksos social worker, Social worker → Social worker, Head of division",
      "SLA 10 → 7 working days",
    ]);
  });

  it("shows role ids when no directory is given, and an SLA whose unit changed in full", async () => {
    const after = edit(
      adoption,
      'slaValue="10" slaUnit="workingDays" escalateTo="ketua-tim"',
      'slaValue="2" slaUnit="months" escalateTo="kepala-bidang"',
    );
    const changes = await describeModelChanges(adoption, after);
    expect(byId(changes.elements, "kunjunganRumah")?.details.map((d) => d.id)).toEqual([
      "SLA 10 hari kerja → 2 bulan",
      "eskalasi ke: ketua-tim → kepala-bidang",
    ]);
  });

  it("words a clock stop, a condition, a reminder's timer and an output mapping", async () => {
    // given: the visit now stops the clock, the "Lengkap" condition and the monthly reminder change,
    // the provincial decree's number lands in another variable
    let after = edit(
      adoption,
      'escalateTo="ketua-tim" />\n      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_dokumenLengkap_kunjunganRumah',
      'escalateTo="ketua-tim" pausesClock="true" />\n      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_dokumenLengkap_kunjunganRumah',
    );
    after = edit(after, "=docsComplete = true", "=docsComplete = true and jumlahDokumen >= 20");
    after = edit(after, "R12/P30D", "R6/P14D");
    after = edit(after, 'target="nomorSkProvinsi"', 'target="nomorSk"');
    // when
    const changes = await describeModelChanges(adoption, after, { roles: BUILTIN_ROLES });
    // then
    expect(byId(changes.elements, "kunjunganRumah")?.details.map((d) => d.id)).toEqual([
      "kini menghentikan jam layanan selama menunggu di sini",
    ]);
    const flow = byId(changes.elements, "Flow_dokumenLengkap_kunjunganRumah");
    expect(flow?.element.id).toBe(
      'alur "Lengkap" dari "Dokumen lengkap?" ke "Kunjungan rumah dan laporan sosial" [Flow_dokumenLengkap_kunjunganRumah]',
    );
    expect(flow?.details.map((d) => d.id)).toEqual([
      'syarat "docsComplete = true" → "docsComplete = true and jumlahDokumen >= 20"',
    ]);
    expect(byId(changes.elements, "pengingatBulanan")?.details.map((d) => d.id)).toEqual([
      "waktu: setiap 30 hari, 12 kali → setiap 14 hari, 6 kali",
    ]);
    expect(byId(changes.elements, "pengingatBulanan")?.details.map((d) => d.en)).toEqual([
      "time: every 30 days, 12 times → every 14 days, 6 times",
    ]);
    expect(byId(changes.elements, "tungguSkProvinsi")?.details.map((d) => d.id)).toEqual([
      "pemetaan keluaran ditambahkan: nomorSk ← nomorSkProvinsi",
      "pemetaan keluaran dihapus: nomorSkProvinsi ← nomorSkProvinsi",
    ]);
  });

  it("names documents to check by their requirement names", async () => {
    const after = edit(
      sjpp,
      'documents="syarat01,syarat02,syarat03,syarat04,syarat05,syarat06"',
      'documents="syarat01,syarat03,syarat04,syarat05,syarat06"',
    );
    const changes = await describeModelChanges(sjpp, after);
    expect(byId(changes.elements, "periksaBerkas")?.details.map((d) => d.id)).toEqual([
      "dokumen yang diperiksa dihapus: Fotokopi KK",
    ]);
  });

  it("lists form fields added and removed when the forms are given", async () => {
    const fewer = { ...homeVisitForm, components: homeVisitForm.components.slice(0, 2) };
    const more = {
      ...homeVisitForm,
      components: [
        ...homeVisitForm.components,
        { id: "f3", key: "fotoRumah", label: "Foto rumah", type: "filepicker" },
      ],
    };
    const changes = await describeModelChanges(adoption, adoption, {
      oldForms: { "pengangkatan-anak-kunjungan-rumah": fewer },
      newForms: { "pengangkatan-anak-kunjungan-rumah": more },
    });
    expect(byId(changes.elements, "kunjunganRumah")?.details.map((d) => d.id)).toEqual([
      "kolom formulir ditambahkan: Laporan sosial (laporanSosial), Foto rumah (fotoRumah)",
    ]);
  });

  it("reports an added step with its role and SLA, a removed one, and the flows that moved", async () => {
    // given: the notice to COTA is replaced by a phone call step
    let after = edit(
      adoption,
      '<bpmn:serviceTask id="beritahuKekurangan" name="Beritahu COTA kekurangan dokumen">',
      '<bpmn:userTask id="teleponCota" name="Telepon COTA"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /><alur:task slaValue="1" slaUnit="workingDays" /></bpmn:extensionElements><bpmn:incoming>Flow_dokumenLengkap_beritahuKekurangan</bpmn:incoming></bpmn:userTask>\n    <bpmn:serviceTask id="unused" name="x">',
    );
    after = after.replace(/<bpmn:serviceTask id="unused"[\s\S]*?<\/bpmn:serviceTask>\n/, "");
    after = edit(
      after,
      '<bpmn:sequenceFlow id="Flow_dokumenLengkap_beritahuKekurangan" name="Belum lengkap" sourceRef="dokumenLengkap" targetRef="beritahuKekurangan" />',
      '<bpmn:sequenceFlow id="Flow_dokumenLengkap_beritahuKekurangan" name="Belum lengkap" sourceRef="dokumenLengkap" targetRef="teleponCota" />',
    );
    after = edit(
      after,
      '<bpmn:sequenceFlow id="Flow_beritahuKekurangan_terimaKelengkapan" sourceRef="beritahuKekurangan" targetRef="terimaKelengkapan" />',
      "",
    );
    // when
    const changes = await describeModelChanges(adoption, after, { roles: BUILTIN_ROLES });
    // then
    const added = byId(changes.elements, "teleponCota");
    expect(added?.change).toBe("added");
    expect(added?.element.id).toBe('langkah "Telepon COTA" [teleponCota]');
    expect(added?.details.map((d) => d.id)).toEqual(["peran: Petugas Front Office", "SLA 1 hari kerja"]);
    expect(byId(changes.elements, "beritahuKekurangan")?.change).toBe("removed");
    expect(byId(changes.elements, "beritahuKekurangan")?.element.en).toBe(
      'step "Beritahu COTA kekurangan dokumen" [beritahuKekurangan]',
    );
    expect(byId(changes.elements, "Flow_beritahuKekurangan_terimaKelengkapan")?.change).toBe("removed");
    expect(byId(changes.elements, "Flow_dokumenLengkap_beritahuKekurangan")?.details.map((d) => d.id)).toEqual([
      'ke "Beritahu COTA kekurangan dokumen" → "Telepon COTA"',
    ]);
  });

  it("sees the process's own changes: name, completion time and legal basis", async () => {
    let after = edit(
      sjpp,
      '<bpmn:process id="rekomendasi_sjpp_3216" name="',
      '<bpmn:process id="rekomendasi_sjpp_3216" name="Baru: ',
    );
    after = edit(
      after,
      '<alur:completionTime value="10" unit="minutes">',
      '<alur:completionTime value="1" unit="workingDays">',
    );
    after = edit(
      after,
      "</alur:serviceStandard>",
      '<alur:legalBasis kind="Perbup" number="12" year="2025" title="Standar Pelayanan" /></alur:serviceStandard>',
    );
    const changes = await describeModelChanges(sjpp, after);
    expect(changes.elements).toEqual([]);
    expect(changes.process).toHaveLength(3);
    expect(changes.process[0]?.id).toMatch(/^nama "Rekomendasi .*" → "Baru: Rekomendasi /);
    expect(changes.process[1]?.id).toBe("jangka waktu penyelesaian 10 menit → 1 hari kerja");
    expect(changes.process[2]?.id).toBe("dasar hukum ditambahkan: Perbup No. 12 Tahun 2025 tentang Standar Pelayanan");
    expect(changes.process[2]?.en).toBe("legal basis added: Perbup No. 12 of 2025 on Standar Pelayanan");
  });

  it("compares Bekasi's adoption variant with the national template", async () => {
    // when the variant (another process id) is compared with its template
    const changes = await describeModelChanges(adoption, adoption3216, { roles: BUILTIN_ROLES });
    // then the process's own changes come first, long lists shortened, then each step's
    const process = changes.process.map((d) => d.id);
    expect(process[0]).toBe('kode proses "pengangkatan_anak" → "pengangkatan_anak_3216"');
    expect(process).toContain("jangka waktu penyelesaian — → 1–1,5 tahun");
    expect(process.find((p) => p.startsWith("persyaratan ditambahkan:"))).toMatch(/, dan 15 lainnya$/);
    expect(process.at(-1)).toBe(
      "dasar hukum varian — → Keputusan Kepala Dinas No. OR.02/2308/DINSOS/2023 Tahun 2023 tentang Standar Pelayanan Dinas Sosial Kabupaten Bekasi",
    );
    expect(byId(changes.elements, "konsultasi")?.details.map((d) => d.id)).toEqual([
      'formulir "pengangkatan-anak-konsultasi" → "pengangkatan-anak-3216-konsultasi"',
    ]);
    expect(changes.elements.every((e) => e.change === "changed")).toBe(true);
  });

  it("finds nothing between a model and itself, and says why it cannot compare unreadable XML", async () => {
    const same = await describeModelChanges(adoption, adoption);
    expect([same.process, same.elements, same.problems]).toEqual([[], [], []]);
    const broken = await describeModelChanges(adoption, "<nope");
    expect(broken.elements).toEqual([]);
    expect(broken.problems.map((p) => p.code)).toEqual(["xml-unreadable"]);
  });
});
