/**
 * Writes a service definition as BPMN 2.0 XML with Zeebe and `alur:` extensions and a
 * left-to-right diagram (dagre layout), so every flow node has a shape and every flow an edge.
 */
import dagre from "@dagrejs/dagre";
import type { BoundaryTimerDef, NodeDef, ServiceDef, StandardDef } from "./dsl";

const SIZE: Record<NodeDef["kind"], { w: number; h: number }> = {
  start: { w: 36, h: 36 },
  end: { w: 36, h: 36 },
  xor: { w: 50, h: 50 },
  user: { w: 110, h: 80 },
  service: { w: 110, h: 80 },
  receive: { w: 110, h: 80 },
  boundaryTimer: { w: 36, h: 36 },
};

const TAG: Record<NodeDef["kind"], string> = {
  start: "startEvent",
  end: "endEvent",
  xor: "exclusiveGateway",
  user: "userTask",
  service: "serviceTask",
  receive: "receiveTask",
  boundaryTimer: "boundaryEvent",
};

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Escapes text for XML attributes and bodies. */
export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;");
}

/** Form id of a user task: `<slug>[-<district of a variant>]-<task id in kebab case>`. */
export function formIdOf(def: ServiceDef, taskId: string): string {
  const prefix = def.variant ? `${def.slug}-${def.variant.district}` : def.slug;
  return `${prefix}-${taskId.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`;
}

/** Id of sequence flow number i of a definition. */
export function flowIdOf(def: ServiceDef, index: number): string {
  const f = def.flows[index]!;
  return `Flow_${f.from}_${f.to}`;
}

const attr = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? "" : ` ${name}="${esc(String(value))}"`;

function standardXml(s: StandardDef, indent: string): string {
  const i2 = `${indent}  `;
  const lines: string[] = [];
  lines.push(
    `${indent}<alur:serviceStandard${attr("code", s.code)}${attr("name", s.name)}${attr("office", s.office)}${attr("validFrom", s.validFrom)}${attr("validUntil", s.validUntil)}>`,
  );
  for (const l of s.legalBasis) {
    lines.push(
      `${i2}<alur:legalBasis${attr("kind", l.kind)}${attr("number", l.number)}${attr("year", l.year)}${attr("title", l.title)} />`,
    );
  }
  for (const r of s.requirements) {
    lines.push(
      `${i2}<alur:requirement${attr("id", r.id)}${attr("name", r.name)}${attr("mandatory", r.mandatory ?? true)}${attr("providedBy", r.providedBy)}${attr("note", r.note)} />`,
    );
  }
  s.procedure.forEach((step, i) => {
    const [role, text] = typeof step === "string" ? [undefined, step] : step;
    lines.push(
      `${i2}<alur:procedureStep${attr("order", i + 1)}${attr("role", role)}>${esc(text)}</alur:procedureStep>`,
    );
  });
  const c = s.completionTime;
  if (c) {
    lines.push(
      `${i2}<alur:completionTime${attr("value", c.value)}${attr("maxValue", c.maxValue)}${attr("unit", c.unit)}${attr("officeStart", c.officeStart)}${attr("officeEnd", c.officeEnd)}>${esc(c.text)}</alur:completionTime>`,
    );
  }
  if (s.fee) lines.push(`${i2}<alur:fee${attr("amount", s.fee.amount)} currency="IDR">${esc(s.fee.text)}</alur:fee>`);
  for (const p of s.products) {
    lines.push(
      p.text
        ? `${i2}<alur:product${attr("name", p.name)}>${esc(p.text)}</alur:product>`
        : `${i2}<alur:product${attr("name", p.name)} />`,
    );
  }
  const k = s.complaints;
  if (k) {
    lines.push(
      `${i2}<alur:complaints${attr("responseValue", k.responseValue)}${attr("responseUnit", k.responseUnit)}${attr("text", k.text)}>`,
    );
    for (const ch of k.channels)
      lines.push(`${i2}  <alur:channel${attr("kind", ch.kind)}${attr("value", ch.value)} />`);
    lines.push(`${i2}</alur:complaints>`);
  }
  for (const [key, text] of Object.entries(s.components)) {
    if (text) lines.push(`${i2}<alur:component${attr("key", key)}>${esc(text)}</alur:component>`);
  }
  lines.push(`${indent}</alur:serviceStandard>`);
  return lines.join("\n");
}

function timerXml(t: BoundaryTimerDef["timer"]): string {
  if ("cycle" in t) return `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${esc(t.cycle)}</bpmn:timeCycle>`;
  if ("duration" in t)
    return `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${esc(t.duration)}</bpmn:timeDuration>`;
  // A working-time timer still needs a BPMN duration for other tools; the alur extension wins.
  const days = t.workingTime.unit === "workingDays" ? `P${t.workingTime.value}D` : `PT${t.workingTime.value}H`;
  return `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${days}</bpmn:timeDuration>`;
}

function nodeXml(
  def: ServiceDef,
  node: NodeDef,
  incoming: string[],
  outgoing: string[],
  defaults: Map<string, string>,
): string {
  const tag = TAG[node.kind];
  const ext: string[] = [];
  let extra = "";
  let body = "";
  switch (node.kind) {
    case "user": {
      ext.push(`<zeebe:assignmentDefinition candidateGroups="${esc(node.roles.join(","))}" />`);
      ext.push(`<zeebe:formDefinition formId="${formIdOf(def, node.id)}" />`);
      const hasTask = node.sla || node.documents?.length || node.escalateTo?.length || node.pausesClock;
      if (hasTask) {
        ext.push(
          `<alur:task${attr("slaValue", node.sla?.value)}${attr("slaUnit", node.sla?.unit)}${attr("documents", node.documents?.join(","))}${attr("escalateTo", node.escalateTo?.join(","))}${node.pausesClock ? ' pausesClock="true"' : ""} />`,
        );
      }
      break;
    }
    case "service": {
      ext.push(`<zeebe:taskDefinition type="${node.type}" retries="3" />`);
      ext.push("<zeebe:taskHeaders>");
      for (const [key, value] of Object.entries(node.headers)) {
        ext.push(`  <zeebe:header key="${esc(key)}" value="${esc(value)}" />`);
      }
      ext.push("</zeebe:taskHeaders>");
      break;
    }
    case "receive":
      extra = ` messageRef="Message_${node.message}"`;
      if (node.pausesClock) ext.push('<alur:task pausesClock="true" />');
      if (node.outputs?.length) {
        ext.push("<zeebe:ioMapping>");
        for (const v of node.outputs) ext.push(`  <zeebe:output source="=${esc(v)}" target="${esc(v)}" />`);
        ext.push("</zeebe:ioMapping>");
      }
      break;
    case "boundaryTimer":
      extra = ` cancelActivity="${node.interrupting}" attachedToRef="${node.attachedTo}"`;
      if ("workingTime" in node.timer) {
        ext.push(`<alur:workingTime value="${node.timer.workingTime.value}" unit="${node.timer.workingTime.unit}" />`);
      }
      body = `      <bpmn:timerEventDefinition id="TimerDef_${node.id}">${timerXml(node.timer)}</bpmn:timerEventDefinition>\n`;
      break;
    case "xor": {
      const d = defaults.get(node.id);
      if (d) extra = ` default="${d}"`;
      break;
    }
    default:
      break;
  }
  const lines = [`    <bpmn:${tag} id="${node.id}"${node.name ? attr("name", node.name) : ""}${extra}>`];
  if (ext.length) {
    lines.push("      <bpmn:extensionElements>");
    for (const e of ext) lines.push(`        ${e}`);
    lines.push("      </bpmn:extensionElements>");
  }
  for (const f of incoming) lines.push(`      <bpmn:incoming>${f}</bpmn:incoming>`);
  for (const f of outgoing) lines.push(`      <bpmn:outgoing>${f}</bpmn:outgoing>`);
  if (body) lines.push(body.trimEnd());
  lines.push(`    </bpmn:${tag}>`);
  return lines.join("\n");
}

interface Layout {
  boxes: Map<string, Box>;
  edges: Map<string, Array<{ x: number; y: number }>>;
}

type Point = { x: number; y: number };

/** Drops repeated points and points in the middle of a straight segment. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points.map((q) => ({ x: Math.round(q.x), y: Math.round(q.y) }))) {
    const last = out.at(-1);
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out.at(-2);
    if (last && before && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) {
      out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

/**
 * Right-angled waypoints, as modellers draw them: forward flows leave a task on its right (a
 * gateway by its top or bottom corner when the target is on another row) and run in the lane
 * dagre chose for them; backward flows (loops) go over the top into the target.
 */
function orthogonal(src: Box, tgt: Box, fromGateway: boolean, dagrePoints: Point[]): Point[] {
  const sy = src.y + src.h / 2;
  const ty = tgt.y + tgt.h / 2;
  const sx = src.x + src.w / 2;
  if (tgt.x < src.x + src.w) {
    const top = Math.min(src.y, tgt.y) - 30;
    return simplify([
      { x: sx, y: src.y },
      { x: sx, y: top },
      { x: tgt.x + tgt.w / 2, y: top },
      { x: tgt.x + tgt.w / 2, y: tgt.y },
    ]);
  }
  if (Math.abs(ty - sy) < 2)
    return simplify([
      { x: src.x + src.w, y: sy },
      { x: tgt.x, y: sy },
    ]);
  if (fromGateway) {
    return simplify([
      { x: sx, y: ty < sy ? src.y : src.y + src.h },
      { x: sx, y: ty },
      { x: tgt.x, y: ty },
    ]);
  }
  // The lane of a long flow is the row of dagre's middle bend point; short flows bend halfway.
  const inner = dagrePoints.slice(1, -1);
  const lane = inner.length > 2 ? (inner[Math.floor(inner.length / 2)]?.y ?? ty) : ty;
  const out = src.x + src.w + 15;
  const into = tgt.x - 15;
  return simplify([
    { x: src.x + src.w, y: sy },
    { x: out, y: sy },
    { x: out, y: lane },
    { x: into, y: lane },
    { x: into, y: ty },
    { x: tgt.x, y: ty },
  ]);
}

/** Lays the graph out left to right; boundary events sit on their host's lower edge. */
function layout(def: ServiceDef): Layout {
  const g = new dagre.graphlib.Graph<
    object,
    { width: number; height: number; x?: number; y?: number },
    { points?: Array<{ x: number; y: number }>; minlen?: number; weight?: number }
  >({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 50, ranksep: 60, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  const kinds = new Map(def.nodes.map((n) => [n.id, n] as const));
  for (const n of def.nodes) {
    if (n.kind === "boundaryTimer") continue;
    g.setNode(n.id, { width: SIZE[n.kind].w, height: SIZE[n.kind].h });
  }
  def.flows.forEach((f, i) => {
    const src = kinds.get(f.from);
    const from = src?.kind === "boundaryTimer" ? src.attachedTo : f.from;
    g.setEdge(from, f.to, { minlen: 1, weight: f.isDefault ? 1 : 2 }, `e${i}`);
  });
  dagre.layout(g);
  const boxes = new Map<string, Box>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    const k = kinds.get(id)!;
    const { w, h } = SIZE[k.kind];
    boxes.set(id, { x: Math.round((n.x ?? 0) - w / 2), y: Math.round((n.y ?? 0) - h / 2), w, h });
  }
  const hostCount = new Map<string, number>();
  for (const n of def.nodes) {
    if (n.kind !== "boundaryTimer") continue;
    const host = boxes.get(n.attachedTo)!;
    const k = hostCount.get(n.attachedTo) ?? 0;
    hostCount.set(n.attachedTo, k + 1);
    boxes.set(n.id, { x: host.x + host.w - 48 - k * 40, y: host.y + host.h - 18, w: 36, h: 36 });
  }
  const edges = new Map<string, Array<{ x: number; y: number }>>();
  def.flows.forEach((f, i) => {
    const id = flowIdOf(def, i);
    const src = boxes.get(f.from)!;
    const tgt = boxes.get(f.to)!;
    const srcNode = kinds.get(f.from)!;
    if (srcNode.kind === "boundaryTimer") {
      const bx = src.x + src.w / 2;
      const by = src.y + src.h;
      const ty = tgt.y + tgt.h / 2;
      const pts =
        ty > by + 10
          ? [
              { x: bx, y: by },
              { x: bx, y: ty },
              { x: tgt.x, y: ty },
            ]
          : [
              { x: bx, y: by },
              { x: bx, y: by + 30 },
              { x: tgt.x - 20, y: by + 30 },
              { x: tgt.x - 20, y: ty },
              { x: tgt.x, y: ty },
            ];
      edges.set(id, pts);
      return;
    }
    const points = g.edge({ v: f.from, w: f.to, name: `e${i}` })?.points ?? [];
    edges.set(id, orthogonal(src, tgt, srcNode.kind === "xor", points));
  });
  return { boxes, edges };
}

/** The whole model as BPMN XML. */
export function toBpmnXml(def: ServiceDef): string {
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const defaults = new Map<string, string>();
  def.flows.forEach((f, i) => {
    const id = flowIdOf(def, i);
    outgoing.set(f.from, [...(outgoing.get(f.from) ?? []), id]);
    incoming.set(f.to, [...(incoming.get(f.to) ?? []), id]);
    if (f.isDefault) defaults.set(f.from, id);
  });
  const messages = [...new Set(def.nodes.flatMap((n) => (n.kind === "receive" ? [n.message] : [])))];
  const { boxes, edges } = layout(def);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"' +
      ` id="Definitions_${def.processId}" targetNamespace="https://alur.id/workflows" exporter="alur-catalogue" exporterVersion="1">`,
  );
  for (const m of messages) out.push(`  <bpmn:message id="Message_${m}" name="${m}" />`);
  out.push(`  <bpmn:process id="${def.processId}" name="${esc(def.name)}" isExecutable="true">`);
  out.push("    <bpmn:extensionElements>");
  out.push(standardXml(def.standard, "      "));
  if (def.variant) {
    const v = def.variant;
    const l = v.legalBasis;
    out.push(
      `      <alur:variant${attr("template", v.template)}${attr("district", v.district)}${attr("effectiveFrom", v.effectiveFrom)}>`,
    );
    out.push(
      `        <alur:legalBasis${attr("kind", l.kind)}${attr("number", l.number)}${attr("year", l.year)}${attr("title", l.title)} />`,
    );
    out.push("      </alur:variant>");
  }
  if (def.privacy) {
    const pr = def.privacy;
    const open = `      <alur:privacy${attr("sensitive", pr.sensitive)}${attr("retention", pr.retention)}`;
    const rules = [
      ...Object.entries(pr.fields ?? {}).map(([field, roles]) => attr("field", field) + attr("roles", roles.join(","))),
      ...Object.entries(pr.documents ?? {}).map(
        ([doc, roles]) => attr("document", doc) + attr("roles", roles.join(",")),
      ),
    ];
    if (rules.length === 0) out.push(`${open} />`);
    else {
      out.push(`${open}>`);
      for (const rule of rules) out.push(`        <alur:restrict${rule} />`);
      out.push("      </alur:privacy>");
    }
  }
  out.push("    </bpmn:extensionElements>");
  for (const n of def.nodes) out.push(nodeXml(def, n, incoming.get(n.id) ?? [], outgoing.get(n.id) ?? [], defaults));
  def.flows.forEach((f, i) => {
    const id = flowIdOf(def, i);
    const head = `    <bpmn:sequenceFlow id="${id}"${attr("name", f.name)} sourceRef="${f.from}" targetRef="${f.to}"`;
    out.push(
      f.condition
        ? `${head}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(f.condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>`
        : `${head} />`,
    );
  });
  out.push("  </bpmn:process>");
  out.push(`  <bpmndi:BPMNDiagram id="Diagram_${def.processId}">`);
  out.push(`    <bpmndi:BPMNPlane id="Plane_${def.processId}" bpmnElement="${def.processId}">`);
  // Boundary events after their hosts so bpmn-js draws them on top.
  const ordered = [
    ...def.nodes.filter((n) => n.kind !== "boundaryTimer"),
    ...def.nodes.filter((n) => n.kind === "boundaryTimer"),
  ];
  for (const n of ordered) {
    const b = boxes.get(n.id)!;
    const marker = n.kind === "xor" ? ' isMarkerVisible="true"' : "";
    out.push(`      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>`);
    out.push(`        <dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" />`);
    out.push("      </bpmndi:BPMNShape>");
  }
  def.flows.forEach((_, i) => {
    const id = flowIdOf(def, i);
    out.push(`      <bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">`);
    for (const p of edges.get(id)!) out.push(`        <di:waypoint x="${p.x}" y="${p.y}" />`);
    out.push("      </bpmndi:BPMNEdge>");
  });
  out.push("    </bpmndi:BPMNPlane>");
  out.push("  </bpmndi:BPMNDiagram>");
  out.push("</bpmn:definitions>");
  return `${out.join("\n")}\n`;
}
