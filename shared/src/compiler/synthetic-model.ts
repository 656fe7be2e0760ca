/**
 * A generated, valid BPMN model of a requested size, with diagram and Zeebe/alur extensions: the
 * benchmark's input and a realistic "everything is fine" model for tests.
 */

interface Shape {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const SIZE = {
  task: [100, 80],
  gateway: [50, 50],
  event: [36, 36],
} as const;

/**
 * BPMN XML with about `flowNodes` flow nodes (rounded up to whole blocks of eight): repeated
 * blocks of split gateway, user task with an SLA timer, HTTP service task, join, FEEL script task.
 */
export function syntheticModel(flowNodes = 500): string {
  const blocks = Math.max(1, Math.ceil((flowNodes - 2) / 8));
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: Shape[] = [];
  const edges: { id: string; from: Shape; to: Shape }[] = [];
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const shapeOf = new Map<string, Shape>();

  const place = (id: string, kind: keyof typeof SIZE, x: number, y: number) => {
    const [w, h] = SIZE[kind];
    const shape = { id, x, y: y - h / 2, w, h };
    shapes.push(shape);
    shapeOf.set(id, shape);
  };
  const flow = (id: string, source: string, target: string, condition?: string, name?: string) => {
    flows.push(
      condition
        ? `<bpmn:sequenceFlow id="${id}" name="${name}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`,
    );
    outgoing.set(source, [...(outgoing.get(source) ?? []), id]);
    incoming.set(target, [...(incoming.get(target) ?? []), id]);
    edges.push({ id, from: shapeOf.get(source) as Shape, to: shapeOf.get(target) as Shape });
  };
  const io = (id: string) =>
    `${(incoming.get(id) ?? []).map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`).join("")}${(outgoing.get(id) ?? []).map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`).join("")}`;

  const mid = 300;
  place("start", "event", 100, mid);
  let previous = "start";
  const pending: { id: string; open: string; close: string }[] = [
    { id: "start", open: `<bpmn:startEvent id="start" name="Permohonan masuk">`, close: "</bpmn:startEvent>" },
  ];
  for (let i = 0; i < blocks; i++) {
    const x = 200 + i * 700;
    const b = (name: string) => `${name}-${i}`;
    place(b("split"), "gateway", x, mid);
    place(b("verify"), "task", x + 120, mid - 100);
    place(b("fetch"), "task", x + 120, mid + 100);
    place(b("join"), "gateway", x + 300, mid);
    place(b("score"), "task", x + 400, mid);
    place(b("sla"), "event", x + 170, mid - 60);
    place(b("remind"), "task", x + 250, mid - 220);
    place(b("remind-end"), "event", x + 420, mid - 220);
    flow(b("f-in"), previous, b("split"));
    flow(b("f-verify"), b("split"), b("verify"), `=jumlah &gt; ${i}`, "Perlu verifikasi");
    flow(b("f-fetch"), b("split"), b("fetch"));
    flow(b("f-verified"), b("verify"), b("join"));
    flow(b("f-fetched"), b("fetch"), b("join"));
    flow(b("f-joined"), b("join"), b("score"));
    flow(b("f-sla"), b("sla"), b("remind"));
    flow(b("f-reminded"), b("remind"), b("remind-end"));
    pending.push(
      {
        id: b("split"),
        open: `<bpmn:exclusiveGateway id="${b("split")}" name="Perlu verifikasi?" default="${b("f-fetch")}">`,
        close: "</bpmn:exclusiveGateway>",
      },
      {
        id: b("verify"),
        open: `<bpmn:userTask id="${b("verify")}" name="Verifikasi berkas ${i}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office,peksos" /><zeebe:formDefinition formId="verifikasi" /><zeebe:ioMapping><zeebe:input source="=pemohon.nama" target="nama" /><zeebe:output source="=lengkap" target="lengkap${i}" /></zeebe:ioMapping><alur:task slaValue="2" slaUnit="workingDays" documents="ktp,kk" escalateTo="kepala-bidang" /></bpmn:extensionElements>`,
        close: "</bpmn:userTask>",
      },
      {
        id: b("fetch"),
        open: `<bpmn:serviceTask id="${b("fetch")}" name="Ambil data DTKS ${i}"><bpmn:extensionElements><zeebe:taskDefinition type="http" retries="3" /><zeebe:taskHeaders><zeebe:header key="url" value="https://example.invalid/dtks" /></zeebe:taskHeaders></bpmn:extensionElements>`,
        close: "</bpmn:serviceTask>",
      },
      { id: b("join"), open: `<bpmn:exclusiveGateway id="${b("join")}">`, close: "</bpmn:exclusiveGateway>" },
      {
        id: b("score"),
        open: `<bpmn:scriptTask id="${b("score")}" name="Hitung skor ${i}"><bpmn:extensionElements><zeebe:script expression="=if lengkap${i} then ${i} else 0" resultVariable="skor${i}" /></bpmn:extensionElements>`,
        close: "</bpmn:scriptTask>",
      },
      {
        id: b("sla"),
        open: `<bpmn:boundaryEvent id="${b("sla")}" name="SLA lewat" cancelActivity="false" attachedToRef="${b("verify")}"><bpmn:extensionElements><alur:workingTime value="2" unit="workingDays" /></bpmn:extensionElements>`,
        close: `<bpmn:timerEventDefinition id="${b("sla-def")}"><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
      },
      {
        id: b("remind"),
        open: `<bpmn:sendTask id="${b("remind")}" name="Kirim pengingat ${i}"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /><zeebe:taskHeaders><zeebe:header key="roles" value="kepala-bidang" /></zeebe:taskHeaders></bpmn:extensionElements>`,
        close: "</bpmn:sendTask>",
      },
      {
        id: b("remind-end"),
        open: `<bpmn:endEvent id="${b("remind-end")}" name="Pengingat terkirim">`,
        close: "</bpmn:endEvent>",
      },
    );
    previous = b("score");
  }
  place("end", "event", 200 + blocks * 700, mid);
  flow("f-end", previous, "end");
  pending.push({ id: "end", open: `<bpmn:endEvent id="end" name="Selesai">`, close: "</bpmn:endEvent>" });
  for (const n of pending) nodes.push(`${n.open}${io(n.id)}${n.close}`);

  const center = (s: Shape) => `<di:waypoint x="${s.x + s.w / 2}" y="${s.y + s.h / 2}" />`;
  const di = [
    ...shapes.map(
      (s) =>
        `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"><dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" /></bpmndi:BPMNShape>`,
    ),
    ...edges.map(
      (e) =>
        `<bpmndi:BPMNEdge id="${e.id}_di" bpmnElement="${e.id}">${center(e.from)}${center(e.to)}</bpmndi:BPMNEdge>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="synthetic-definitions" targetNamespace="https://alur.id/bench">
<bpmn:process id="synthetic" name="Model sintetis" isExecutable="true">
${nodes.join("\n")}
${flows.join("\n")}
</bpmn:process>
<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="synthetic">
${di.join("\n")}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
