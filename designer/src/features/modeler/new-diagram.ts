/** The model a new service starts from: start → one user task → end, with an empty service standard. */
export function newDiagramXml(processId = `layanan_${Date.now().toString(36)}`): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.id/schema/bpmn/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn"
  exporter="Alur" exporterVersion="0.1.0">
  <bpmn:process id="${processId}" name="Layanan baru" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="${processId.toUpperCase().slice(0, 12)}" name="Layanan baru" />
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
