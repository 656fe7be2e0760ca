import { inject } from "vitest";
import { apiToken } from "../setup/session";

/**
 * The starting point of the modelling journey: a one-step service with a complete service standard
 * (the 14 components an admin would copy from the district's decree). The journey imports it
 * through the designer's import control and models the remaining steps by hand.
 */

/** A unique process id, so reruns against the same server never collide with a published version. */
export function uniqueProcessId(prefix = "e2e_rekomendasi"): string {
  return `${prefix}_${Date.now().toString(36)}`;
}

/** BPMN with DI: start → "Verifikasi berkas" (front office) → end, plus the full alur:serviceStandard. */
export function oneStepServiceXml(processId: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.id/schema/bpmn/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-REK" name="${name}" office="Dinas Sosial Kabupaten Bekasi" validFrom="2026-01-01">
        <alur:legalBasis kind="UU" number="11" year="2009" title="Kesejahteraan Sosial" />
        <alur:requirement id="ktp" name="Fotokopi E-KTP" mandatory="true" providedBy="applicant" fileTypes="pdf,jpg,png" />
        <alur:requirement id="kk" name="Fotokopi Kartu Keluarga" mandatory="true" providedBy="applicant" fileTypes="pdf,jpg,png" />
        <alur:procedureStep order="1" role="front-office">Petugas front office memeriksa berkas.</alur:procedureStep>
        <alur:procedureStep order="2" role="pekerja-sosial">Pekerja sosial menyusun kajian.</alur:procedureStep>
        <alur:procedureStep order="3" role="kepala-bidang">Kepala bidang menandatangani rekomendasi.</alur:procedureStep>
        <alur:completionTime value="3" unit="workingDays">3 hari kerja</alur:completionTime>
        <alur:fee amount="0" currency="IDR">Tanpa biaya</alur:fee>
        <alur:product name="Surat rekomendasi" />
        <alur:complaints responseValue="3" responseUnit="workingDays" text="Pengaduan melalui SP4N-LAPOR! atau datang langsung.">
          <alur:channel kind="sp4n-lapor" value="SP4N-LAPOR!" />
        </alur:complaints>
        <alur:component key="facilities">Ruang pelayanan, komputer dan printer.</alur:component>
        <alur:component key="competence">Minimal SMA/SMK, memahami standar pelayanan.</alur:component>
        <alur:component key="supervision">Atasan langsung secara berjenjang; Inspektorat Kabupaten Bekasi.</alur:component>
        <alur:component key="staffCount">3 orang</alur:component>
        <alur:component key="serviceGuarantee">Pelayanan sesuai standar; sanksi bila tidak sesuai.</alur:component>
        <alur:component key="safetyGuarantee">Data pemohon dijaga kerahasiaannya.</alur:component>
        <alur:component key="evaluation">Survei kepuasan masyarakat (SKM) tiap semester.</alur:component>
        <alur:component key="pledge">Kami sanggup melaksanakan pelayanan sesuai standar pelayanan.</alur:component>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan diterima">
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="verifikasi" name="Verifikasi berkas">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="front-office" />
        <alur:task slaValue="1" slaUnit="workingDays" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="selesai" name="Selesai">
      <bpmn:incoming>f2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="verifikasi" />
    <bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="selesai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="mulai_di" bpmnElement="mulai"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="verifikasi_di" bpmnElement="verifikasi"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="selesai_di" bpmnElement="selesai"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/**
 * Front office starts a case of a one-step service through the API, with the KTP and KK the
 * service requires; returns the case as the API answers it.
 */
export async function startCaseWithDocuments(
  processId: string,
  applicantName: string,
  variables: Record<string, unknown> = {},
): Promise<{ id: string; caseNumber: string }> {
  const front = await apiToken("bks.front-office");
  const form = new FormData();
  form.set("data", JSON.stringify({ processId, district: "3216", applicant: { name: applicantName }, variables }));
  for (const doc of ["ktp", "kk"]) {
    form.set(`document:${doc}`, new Blob([new Uint8Array(samplePdf(doc))], { type: "application/pdf" }), `${doc}.pdf`);
  }
  const res = await fetch(`${inject("baseUrl")}/api/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${front}`, "idempotency-key": crypto.randomUUID() },
    body: form,
  });
  if (!res.ok) throw new Error(`start case: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; caseNumber: string };
}

/** A tiny but valid PDF, as an applicant's scanned document would arrive. */
export function samplePdf(title: string): Buffer {
  const body = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length ${title.length + 35} >> stream
BT /F1 12 Tf 10 50 Td (${title}) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return Buffer.from(body, "latin1");
}
