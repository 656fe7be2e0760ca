import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileProcess } from "./compile-process";
import { parseBpmn } from "./parse-bpmn";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

async function compileXml(xml: string, processId?: string, forms?: Record<string, unknown>) {
  const parsed = await parseBpmn(xml);
  expect(parsed.definitions, JSON.stringify(parsed.problems)).toBeDefined();
  return compileProcess(parsed.definitions!, processId, forms ? { forms } : {});
}

const wrap = (inner: string, extra = "") => `<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">${extra}
<bpmn:process id="p" isExecutable="true">${inner}</bpmn:process></bpmn:definitions>`;

describe("compileProcess", () => {
  it("compiles Camunda 8 assignments (static or FEEL) and the task schedule", async () => {
    // given the assignment forms Camunda Modeler writes
    const task = (id: string, ext: string) =>
      `<bpmn:userTask id="${id}"><bpmn:extensionElements>${ext}</bpmn:extensionElements></bpmn:userTask>`;
    const { plan, problems } = await compileXml(
      wrap(
        task("feel-group", '<zeebe:assignmentDefinition candidateGroups="=reviewerGroup" />') +
          task("capitalised", '<zeebe:assignmentDefinition candidateGroups="Finance, front-office,finance" />') +
          task("by-name", '<zeebe:assignmentDefinition assignee=" bks.back-office " />') +
          task("users", '<zeebe:assignmentDefinition candidateUsers="bks.peksos, bks.front-office" />') +
          task("feel-users", '<zeebe:assignmentDefinition candidateUsers="= reviewers" />') +
          task(
            "scheduled",
            '<zeebe:assignmentDefinition candidateGroups="back-office" /><zeebe:taskSchedule dueDate="=batas" followUpDate="2026-03-02T08:00:00+07:00" />',
          ),
      ),
    );
    // then
    expect(problems).toEqual([]);
    const spec = (id: string) => {
      const node = plan?.nodes[id];
      return node?.type === "userTask" ? node.task : undefined;
    };
    // "=reviewerGroup" is an expression, not the literal role "=reviewerGroup"
    expect(spec("feel-group")).toMatchObject({ roles: [], rolesExpression: "reviewerGroup" });
    expect(spec("capitalised")?.roles).toEqual(["finance", "front-office"]);
    expect(spec("by-name")).toMatchObject({ roles: [], assignee: "bks.back-office" });
    expect(spec("users")).toMatchObject({ roles: [], candidateUsers: ["bks.peksos", "bks.front-office"] });
    expect(spec("feel-users")).toMatchObject({ candidateUsersExpression: "reviewers" });
    expect(spec("scheduled")).toMatchObject({
      dueDate: { kind: "feel", source: "batas" },
      followUpDate: { kind: "literal", value: "2026-03-02T08:00:00+07:00" },
    });
  });

  it("refuses a static task schedule date that is not an ISO 8601 date-time", async () => {
    const { problems } = await compileXml(
      wrap(
        '<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:taskSchedule dueDate="besok" /></bpmn:extensionElements></bpmn:userTask>',
      ),
    );
    expect(problems).toMatchObject([{ elementId: "t", severity: "error", code: "task-schedule-invalid" }]);
    expect(problems[0]?.message.id).toContain('dueDate "besok"');
  });

  it("maps the executable set with Zeebe and alur extensions into a valid plan", async () => {
    // given a model using every mapping the runtime relies on
    const { plan, problems } = await compileXml(fixture("executable-set.bpmn"));

    // then
    expect(problems).toEqual([]);
    expect(plan).toBeDefined();
    const p = plan!;
    expect(p.processId).toBe("adopsi");
    expect(p.nodes.verify).toMatchObject({
      type: "userTask",
      scope: null,
      incoming: ["f1", "f-back"],
      outgoing: ["f2"],
      task: {
        roles: ["front-office", "peksos"],
        assignee: "=pemohon.petugas",
        formId: "verifikasi",
        sla: { value: 2, unit: "workingDays" },
        documents: ["ktp", "skck"],
        escalateTo: ["kepala-bidang"],
      },
      io: {
        inputs: [
          { source: "pemohon.nama", target: "nama" },
          { source: '"tetap"', target: "label" },
        ],
        outputs: [{ source: "lengkap", target: "berkasLengkap" }],
      },
    });
    expect(p.nodes["sla-timer"]).toMatchObject({
      type: "boundaryEvent",
      attachedTo: "verify",
      cancelActivity: false,
      eventDefinition: { kind: "timer", timer: { type: "workingTime", duration: { value: 2, unit: "workingDays" } } },
    });
    expect(p.boundaries).toEqual({ verify: ["sla-timer"], province: ["rejected"] });
    expect(p.nodes.remind).toMatchObject({
      type: "sendTask",
      connector: { type: "notify", retries: 5, headers: { template: "pengingat-sla" } },
    });
    expect(p.nodes.complete).toMatchObject({ type: "exclusiveGateway", defaultFlow: "f-incomplete" });
    expect(p.flows["f-ok"]).toEqual({
      id: "f-ok",
      source: "complete",
      target: "home-visits",
      condition: "berkasLengkap = true",
    });
    expect(p.nodes["wait-docs"]).toMatchObject({
      type: "receiveTask",
      messageName: "dokumen-diterima",
      correlationKey: "nomorPermohonan",
      pausesClock: true,
    });
    expect(p.nodes["home-visits"]).toMatchObject({
      type: "subProcess",
      triggeredByEvent: false,
      multiInstance: {
        isSequential: true,
        inputCollection: "alamat",
        inputElement: "alamatIni",
        outputCollection: "laporan",
        outputElement: "laporanIni",
        completionCondition: "selesai",
      },
    });
    expect(p.nodes.score).toMatchObject({
      type: "scriptTask",
      scope: "home-visits",
      expression: "count(laporan)",
      resultVariable: "skor",
    });
    expect(p.nodes.province).toMatchObject({
      type: "callActivity",
      calledProcess: { kind: "literal", value: "sk-provinsi" },
      propagateAllChildVariables: false,
    });
    expect(p.nodes.rejected).toMatchObject({
      cancelActivity: true,
      eventDefinition: { kind: "error", errorCode: "DITOLAK" },
    });
    expect(p.nodes["end-rejected"]).toMatchObject({ eventDefinition: { kind: "terminate" } });
    expect(p.nodes["court-wait"]).toMatchObject({
      eventDefinition: { kind: "timer", timer: { type: "duration", value: { kind: "feel", source: "durasiTunggu" } } },
    });
    expect(p.nodes.withdraw).toMatchObject({ type: "subProcess", triggeredByEvent: true });
    expect(p.nodes["withdraw-start"]).toMatchObject({
      scope: "withdraw",
      isInterrupting: true,
      eventDefinition: { kind: "message", messageName: "permohonan-dicabut" },
    });
    expect(p.nodes["complaint-start"]).toMatchObject({
      isInterrupting: false,
      eventDefinition: { kind: "escalation", escalationCode: "PENGADUAN" },
    });
    expect(p.nodes["complaint-end"]).toMatchObject({ eventDefinition: { kind: "signal", signalName: "kantor-tutup" } });
  });

  it("turns alur:serviceStandard into the 14-component ServiceStandard", async () => {
    const { plan } = await compileXml(fixture("executable-set.bpmn"));
    expect(plan?.standard).toMatchObject({
      code: "DINSOS-ADOPSI",
      office: "Dinas Sosial Kabupaten Bekasi",
      validFrom: "2023-11-06",
      legalBasis: [{ kind: "PP", number: "54", year: 2007, title: "Pelaksanaan Pengangkatan Anak" }],
      requirements: [
        { id: "ktp", mandatory: true, providedBy: "applicant", fileTypes: ["pdf", "jpg"] },
        { id: "skck", mandatory: false, fileTypes: ["pdf", "jpg", "jpeg", "png"] },
      ],
      procedure: [{ order: 1, role: "front-office", text: "COTA datang ke kantor dan menerima penjelasan." }],
      completionTime: { value: 1, maxValue: 1.5, unit: "years", officeHours: { start: "08:00", end: "15:30" } },
      fee: { amount: 0, currency: "IDR" },
      products: [{ name: "Surat rekomendasi ke pengadilan" }],
      complaints: { channels: [{ kind: "whatsapp", value: "0812" }], responseTime: { value: 3, unit: "calendarDays" } },
      facilities: "Ruang layanan",
      pledge: "Kami sanggup menyelenggarakan pelayanan sesuai standar.",
    });
  });

  it("embeds forms: given ones by id, zeebe:userTaskForm bodies, and reports missing ones", async () => {
    // given a task using the embedded form through a Camunda 8.0 form key
    const xml = fixture("executable-set.bpmn").replace(
      '<zeebe:formDefinition formId="verifikasi" />',
      '<zeebe:formDefinition formKey="camunda-forms:bpmn:embedded-form" />',
    );
    const embedded = await compileXml(xml);
    expect(embedded.plan?.forms).toEqual({ "embedded-form": { components: [{ type: "textfield", key: "catatan" }] } });

    const form = { components: [{ type: "textfield", key: "hasil", label: "Hasil" }] };
    const given = await compileXml(fixture("executable-set.bpmn"), undefined, { verifikasi: form });
    expect(given.plan?.forms).toEqual({ verifikasi: form });

    const missing = await compileXml(fixture("executable-set.bpmn"), undefined, {});
    expect(missing.plan).toBeUndefined();
    expect(missing.problems.map((p) => p.code)).toEqual(["form-not-found"]);
  });

  it("reads the start event's form into the plan as startFormId, embedded like a task's", async () => {
    const form = { components: [{ type: "textfield", key: "nik", label: "NIK" }] };
    const withStart = fixture("executable-set.bpmn").replace(
      /(<bpmn:startEvent id="[^"]+"[^>]*>)/,
      '$1<bpmn:extensionElements><zeebe:formDefinition formId="permohonan" /></bpmn:extensionElements>',
    );
    const { plan, problems } = await compileXml(withStart, undefined, { verifikasi: form, permohonan: form });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(plan?.startFormId).toBe("permohonan");
    expect(plan?.forms.permohonan).toEqual(form);
    // a model without one keeps the plan it had
    expect((await compileXml(fixture("executable-set.bpmn"))).plan).not.toHaveProperty("startFormId");
  });

  it("refuses a form the task page could not use, on the task that uses it", async () => {
    const duplicate = {
      components: [
        { type: "textfield", key: "hasil", label: "Hasil" },
        { type: "textarea", key: "hasil", label: "Catatan" },
      ],
    };
    const { plan, problems } = await compileXml(fixture("executable-set.bpmn"), undefined, { verifikasi: duplicate });
    expect(plan).toBeUndefined();
    const [only] = problems;
    expect(problems).toHaveLength(1);
    expect(only?.code).toBe("form-duplicate-key");
    expect(only?.severity).toBe("error");
    expect(only?.message.en).toContain('"hasil"');
    // shown on the user task that references the form, not on the process
    const xml = fixture("executable-set.bpmn");
    expect(xml).toContain(`id="${only?.elementId}"`);
    expect(xml.slice(0, xml.indexOf(`id="${only?.elementId}"`))).toMatch(/<bpmn:userTask\s*$/);

    const empty = await compileXml(fixture("executable-set.bpmn"), undefined, { verifikasi: { components: [] } });
    expect(empty.problems.map((p) => p.code)).toEqual(["form-empty"]);
  });

  it("refuses unsupported elements, naming id, type and reason", async () => {
    const { plan, problems } = await compileXml(
      wrap(`<bpmn:startEvent id="s"/><bpmn:complexGateway id="cg"/><bpmn:transaction id="tx"/>
      <bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition/></bpmn:intermediateCatchEvent>`),
    );
    expect(plan).toBeUndefined();
    expect(problems.map((p) => [p.elementId, p.code])).toEqual([
      ["cg", "unsupported-element"],
      ["tx", "unsupported-element"],
      ["cond", "unsupported-element"],
    ]);
    expect(problems[0]?.message.en).toMatch(/^this kind \(complexGateway\) is not supported: complex gateways/);
    expect(problems[0]?.message.id).toMatch(/tidak didukung/);
  });

  it("reports incomplete executable elements instead of compiling them", async () => {
    const { plan, problems } = await compileXml(
      wrap(`<bpmn:serviceTask id="svc"/><bpmn:scriptTask id="scr"/><bpmn:callActivity id="call"/>
      <bpmn:receiveTask id="rcv"/>
      <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="u"><bpmn:extensionElements>
        <alur:task xmlns:alur="https://alur.id/schema/bpmn/1.0" slaValue="2" slaUnit="fortnights"/>
      </bpmn:extensionElements></bpmn:userTask>`),
    );
    expect(plan).toBeUndefined();
    expect(problems.map((p) => `${p.elementId}:${p.code}`)).toEqual([
      "svc:connector-missing",
      "scr:script-incomplete",
      "call:call-activity-without-process",
      "rcv:message-without-name",
      "t:timer-without-expression",
      "u:sla-invalid",
    ]);
  });

  it("selects the process by id and reports an unknown one", async () => {
    const xml = wrap(`<bpmn:startEvent id="s"/>`);
    expect((await compileXml(xml, "p")).plan?.processId).toBe("p");
    expect((await compileXml(xml, "nope")).problems[0]?.code).toBe("process-not-found");
  });

  it("reports an invalid service standard field by path", async () => {
    const xml = fixture("executable-set.bpmn").replace('validFrom="2023-11-06"', 'validFrom="6 Nov 2023"');
    const { plan, problems } = await compileXml(xml);
    expect(plan).toBeUndefined();
    expect(problems).toMatchObject([{ elementId: "adopsi", code: "service-standard-invalid" }]);
    expect(problems[0]?.message.en).toContain('"validFrom"');
  });

  it("requires catch events or receive tasks after an event-based gateway", async () => {
    const { plan, problems } = await compileXml(
      wrap(`<bpmn:eventBasedGateway id="g"/><bpmn:task id="t"/>
      <bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="w"/>`),
    );
    expect(plan).toBeUndefined();
    expect(problems.map((p) => `${p.elementId}:${p.code}`)).toEqual(["t:event-gateway-target"]);
  });

  it("compiles timer dates and cycles, literal or FEEL", async () => {
    const timer = (id: string, body: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition>${body}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const { plan, problems } = await compileXml(
      wrap(
        timer("date", "<bpmn:timeDate>2026-01-01T08:00:00+07:00</bpmn:timeDate>") +
          timer("cycle", "<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>") +
          timer("feel-date", "<bpmn:timeDate>=batasWaktu</bpmn:timeDate>"),
      ),
    );
    expect(problems).toEqual([]);
    const timerOf = (id: string) => {
      const node = plan?.nodes[id];
      return node?.type === "intermediateCatchEvent" && node.eventDefinition.kind === "timer"
        ? node.eventDefinition.timer
        : undefined;
    };
    expect(timerOf("date")).toEqual({ type: "date", value: { kind: "literal", value: "2026-01-01T08:00:00+07:00" } });
    expect(timerOf("cycle")).toEqual({ type: "cycle", value: { kind: "literal", value: "R3/PT1H" } });
    expect(timerOf("feel-date")).toEqual({ type: "date", value: { kind: "feel", source: "batasWaktu" } });
  });

  it("turns alur:variant into VariantInfo and reports a variant without legal basis", async () => {
    const variant = (inner: string) =>
      wrap(
        `<bpmn:extensionElements><alur:variant xmlns:alur="https://alur.id/schema/bpmn/1.0" template="pengangkatan-anak" district="3216" effectiveFrom="2024-01-01">${inner}</alur:variant></bpmn:extensionElements><bpmn:startEvent id="s"/>`,
      );
    const { plan } = await compileXml(
      variant('<alur:legalBasis kind="Perbup" number="12" year="2023" title="Standar Pelayanan Dinas Sosial"/>'),
    );
    expect(plan?.variant).toEqual({
      template: "pengangkatan-anak",
      district: "3216",
      effectiveFrom: "2024-01-01",
      legalBasis: { kind: "Perbup", number: "12", year: 2023, title: "Standar Pelayanan Dinas Sosial" },
    });
    const missing = await compileXml(variant(""));
    expect(missing.plan).toBeUndefined();
    expect(missing.problems).toMatchObject([{ elementId: "p", code: "variant-invalid" }]);
  });
  it("turns alur:privacy into the plan's personal-data rules and refuses malformed ones", async () => {
    const privacy = (attrs: string, inner: string) =>
      wrap(
        `<bpmn:extensionElements><alur:privacy xmlns:alur="https://alur.id/schema/bpmn/1.0" ${attrs}>${inner}</alur:privacy></bpmn:extensionElements><bpmn:startEvent id="s"/>`,
      );
    // given a sensitive service with restricted fields and documents
    const { plan, problems } = await compileXml(
      privacy(
        'sensitive="true" retention="P5Y"',
        '<alur:restrict field="nik" roles="sakti-peksos, kepala-dinas"/><alur:restrict field="nik" roles="pekerja-sosial"/>' +
          '<alur:restrict document="laporan-sosial" roles="sakti-peksos"/>',
      ),
    );
    // then the plan carries them, roles of one item merged
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(plan?.privacy).toEqual({
      sensitive: true,
      retention: "P5Y",
      fields: { nik: ["sakti-peksos", "kepala-dinas", "pekerja-sosial"] },
      documents: { "laporan-sosial": ["sakti-peksos"] },
    });
    // and a bad period or a rule without roles is an error naming it
    const badPeriod = await compileXml(privacy('sensitive="true" retention="5 years"', ""));
    expect(badPeriod.plan).toBeUndefined();
    expect(badPeriod.problems).toMatchObject([{ elementId: "p", code: "privacy-invalid" }]);
    expect(badPeriod.problems[0]?.message.en).toContain("retention");
    const noRoles = await compileXml(privacy('sensitive="true"', '<alur:restrict field="nik"/>'));
    expect(noRoles.problems).toMatchObject([
      { code: "privacy-invalid", message: { en: expect.stringContaining("restrict.0") } },
    ]);
    // a process without alur:privacy has none
    expect((await compileXml(wrap('<bpmn:startEvent id="s"/>'))).plan?.privacy).toBeUndefined();
  });
});
