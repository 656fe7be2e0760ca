import { createModdle, readServiceStandard } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import { applyChanges } from "../forms/embedded-form";
import type { Bo, ModdleLike } from "./model-access";
import {
  checkStandardForm,
  declaredCompletion,
  parseRupiah,
  readStandardForm,
  rowKey,
  type StandardForm,
  standardChanges,
  wordingOutdated,
} from "./standard-form";

const models = import.meta.glob("../../../../workflows/**/*.bpmn", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

async function load(xml: string) {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as Bo;
  const processes = ((definitions.get("rootElements") as Bo[]) ?? []).filter((e) => e.$type === "bpmn:Process");
  const toXml = async () => (await moddle.toXML(definitions as never, { format: true })).xml;
  return { moddle: moddle as unknown as ModdleLike, processes, toXml };
}

/** The form written back into `process` (as the editor's save does, without the command stack). */
function write(moddle: ModdleLike, process: Bo, form: StandardForm): void {
  applyChanges(standardChanges(moddle, process, form));
}

const MINIMAL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="S" name="Layanan">
        <alur:legalBasis kind="UU" number="11" year="2009" title="Kesejahteraan Sosial" />
        <alur:requirement id="ktp" name="KTP" />
        <alur:completionTime value="7" unit="workingDays">7 Hari Kerja</alur:completionTime>
        <alur:fee amount="0" currency="IDR">Gratis</alur:fee>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="start" />
  </bpmn:process>
</bpmn:definitions>`;

describe("the service standard form", () => {
  it("round-trips every catalogue model unchanged", async () => {
    const files = Object.keys(models);
    expect(files.length).toBeGreaterThan(30);
    let standards = 0;
    for (const file of files) {
      // given a catalogue model as the modeler would write it
      const { moddle, processes, toXml } = await load(models[file] as string);
      const before = await toXml();
      const read = processes.map((p) => readServiceStandard(p as never));
      // when each process's standard is read into the form and written back untouched
      for (const process of processes) {
        const form = readStandardForm(process);
        if (!form.source.standard) continue;
        standards += 1;
        write(moddle, process, form);
      }
      // then the XML is byte for byte the same, and the compiler reads the same standard
      expect(await toXml(), file).toBe(before);
      expect(
        processes.map((p) => readServiceStandard(p as never)),
        file,
      ).toEqual(read);
    }
    expect(standards).toBeGreaterThan(25);
  });

  it("writes edited rows, a dated legal basis, file types and a fee as the compiler reads them", async () => {
    // given a model with a small standard
    const { moddle, processes, toXml } = await load(MINIMAL);
    const process = processes[0] as Bo;
    const form = readStandardForm(process);
    // when the admin adds a dated Perbup, restricts the KTP to PDF up to 2 MB, adds an optional
    // photo, moves the Perbup first, sets 5 working days and a tariff
    form.legalBases.push({
      key: rowKey(),
      kind: "Perbup",
      number: "12",
      year: "2024",
      title: "Standar Pelayanan Dinas Sosial",
      link: "",
      date: "2024-03-01",
    });
    form.legalBases.reverse();
    const ktp = form.requirements[0];
    if (!ktp) throw new Error("no requirement");
    ktp.fileTypes = ["pdf"];
    ktp.maxSizeMb = "2";
    form.requirements.push({
      key: rowKey(),
      id: "foto",
      name: "Pas foto 3x4",
      mandatory: false,
      providedBy: "applicant",
      fileTypes: ["jpg", "png"],
      maxSizeMb: "",
      note: "",
    });
    form.completion.value = "5";
    form.fee = { amount: "50.000", basis: "Perda No. 5 Tahun 2020 tentang Retribusi", text: "", paid: true };
    form.prose.facilities = "Ruang tunggu";
    expect(checkStandardForm(form)).toEqual({});
    write(moddle, process, form);
    // then the compiler reads each edit
    const { standard, problems } = readServiceStandard(process as never);
    expect(problems).toEqual([]);
    expect(standard?.legalBasis.map((b) => [b.kind, b.year, b.date])).toEqual([
      ["Perbup", 2024, "2024-03-01"],
      ["UU", 2009, undefined],
    ]);
    expect(standard?.requirements).toEqual([
      { id: "ktp", name: "KTP", mandatory: true, fileTypes: ["pdf"], maxSizeMb: 2 },
      { id: "foto", name: "Pas foto 3x4", mandatory: false, providedBy: "applicant", fileTypes: ["jpg", "png"] },
    ]);
    expect(standard?.completionTime).toEqual({ value: 5, unit: "workingDays", text: "7 Hari Kerja" });
    expect(standard?.fee).toEqual({
      amount: 50000,
      currency: "IDR",
      basis: "Perda No. 5 Tahun 2020 tentang Retribusi",
    });
    expect(standard?.facilities).toBe("Ruang tunggu");
    // and the untouched requirement attribute (mandatory) stays absent in the XML
    const xml = await toXml();
    expect(xml).toContain('<alur:requirement id="ktp" name="KTP" fileTypes="pdf" maxSizeMb="2" />');
    expect(xml).toContain(
      '<alur:legalBasis kind="Perbup" number="12" year="2024" title="Standar Pelayanan Dinas Sosial" date="2024-03-01" />',
    );
  });

  it("creates the standard on a process that has none", async () => {
    const { moddle, processes } = await load(
      MINIMAL.replace(/<bpmn:extensionElements>[\s\S]*<\/bpmn:extensionElements>/, ""),
    );
    const process = processes[0] as Bo;
    const form = readStandardForm(process);
    expect(form.source.standard).toBeUndefined();
    form.code = "BARU";
    form.name = "Layanan baru";
    form.completion = { value: "3", maxValue: "", unit: "workingDays", officeStart: "", officeEnd: "", text: "" };
    write(moddle, process, form);
    expect(readServiceStandard(process as never).standard).toMatchObject({
      code: "BARU",
      completionTime: { value: 3, unit: "workingDays" },
    });
  });

  it("names each field's problem as an i18n key, as the shared schema judges it", async () => {
    // given a form with problems in every kind of field
    const { processes } = await load(MINIMAL);
    const form = readStandardForm(processes[0]);
    const basis = form.legalBases[0];
    if (!basis) throw new Error("no basis");
    basis.year = "209";
    form.legalBases.push({
      key: rowKey(),
      kind: "Perbup",
      number: "",
      year: "2024",
      title: "",
      link: "jdih",
      date: "2023-02-30",
    });
    form.requirements.push({
      key: rowKey(),
      id: "ktp",
      name: "KTP lagi",
      mandatory: true,
      providedBy: "",
      fileTypes: [],
      maxSizeMb: "500",
      note: "",
    });
    form.completion.value = "lima";
    form.completion.unit = "weeks";
    form.completion.officeStart = "8:00";
    form.fee.amount = "Rp 25.000";
    form.validFrom = "2024-01-01";
    form.validUntil = "2023-12-31";
    // then each problem is tied to its field
    expect(checkStandardForm(form)).toEqual({
      validUntil: { key: "standardEditor.error.untilBeforeFrom" },
      "legalBases.0.year": { key: "legalBasis.error.yearRange", values: { min: "1945", max: "2100" } },
      "legalBases.1.title": { key: "standardEditor.error.required" },
      "legalBases.1.link": { key: "legalBasis.error.link" },
      "legalBases.1.date": { key: "standardEditor.error.date" },
      "requirements.1.id": { key: "standardEditor.error.duplicateId", values: { id: "ktp" } },
      "requirements.1.fileTypes": { key: "standardEditor.error.fileTypes" },
      "requirements.1.maxSizeMb": { key: "standardEditor.error.maxSize" },
      "completion.value": { key: "standardEditor.error.number" },
      "completion.unit": { key: "standardEditor.error.unit" },
      "completion.officeStart": { key: "standardEditor.error.clock" },
      "completion.officeEnd": { key: "standardEditor.error.required" },
      "fee.basis": { key: "standardEditor.error.feeBasis" },
    });
    expect(declaredCompletion(form)).toBeUndefined();
  });

  it("reads Rupiah as Indonesians type it and spots wording that no longer names the time", () => {
    expect(["0", "50.000", "Rp 50.000", "Rp. 1.250.000,-", "12,5", "abc", ""].map(parseRupiah)).toEqual([
      0,
      50000,
      50000,
      1250000,
      undefined,
      undefined,
      undefined,
    ]);
    expect(wordingOutdated("Jam kerja 08.00 – 15.30; 7 Hari Kerja", ["7"])).toBe(false);
    expect(wordingOutdated("Jam kerja 08.00 – 15.30; 7 Hari Kerja", ["5"])).toBe(true);
    expect(wordingOutdated("1 Tahun – 1,5 Tahun", ["1", "1.5"])).toBe(false);
    expect(wordingOutdated("Maksimum 14 hari kerja", ["1"])).toBe(true);
    expect(wordingOutdated("", ["5"])).toBe(false);
  });
});
