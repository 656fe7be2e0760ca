/**
 * Low-code step editor: the process as cards on React Flow with dagre auto-layout. It edits the
 * same BPMN model (a bpmn-moddle tree it owns while shown) and hands XML back on every change.
 */
import "@xyflow/react/dist/style.css";
import "./step-editor.css";
import { createModdle } from "@alur/shared/compiler";
import { WorkingTimeUnit } from "@alur/shared/schemas";
import {
  type AriaLabelConfig,
  Background,
  Controls,
  type Edge,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import type { TFunction } from "i18next";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Spinner } from "../../components/query-state";
import type { Bo } from "../modeler/model-access";
import {
  insertStepAfter,
  layoutGraph,
  modelToGraph,
  rebuildDiagram,
  removeStep,
  type StepGraph,
  type StepNode,
  updateStep,
} from "./step-graph";

type Loaded = { moddle: ReturnType<typeof createModdle>; definitions: Bo };

export function StepEditor({ xml, onChange }: { xml: string; onChange: (xml: string) => void }) {
  const { t } = useTranslation();
  const model = useRef<Loaded | null>(null);
  const [graph, setGraph] = useState<StepGraph | null>(null);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  // only the first XML is loaded: afterwards this editor owns the model
  const initialXml = useRef(xml);

  useEffect(() => {
    let disposed = false;
    const moddle = createModdle();
    moddle
      .fromXML(initialXml.current)
      .then(({ rootElement }) => {
        if (disposed) return;
        model.current = { moddle, definitions: rootElement as unknown as Bo };
        setGraph(modelToGraph(model.current.definitions));
      })
      .catch(() => !disposed && setFailed(true));
    return () => {
      disposed = true;
    };
  }, []);

  /** Applies an edit to the model, re-lays out when the structure changed, and reports the XML. */
  const edit = (change: (m: Loaded) => void, structural: boolean) => {
    const m = model.current;
    if (!m) return;
    change(m);
    if (structural) rebuildDiagram(m.moddle as never, m.definitions);
    setGraph(modelToGraph(m.definitions));
    void m.moddle.toXML(m.definitions as never, { format: true }).then(({ xml: out }) => onChange(out));
  };

  const { nodes, edges } = useMemo(() => toFlow(graph, selected, t), [graph, selected, t]);
  const ariaLabels = useMemo(() => flowAriaLabels(t), [t]);
  if (failed) return <p className="alert alert-error">{t("stepEditor.loadFailed")}</p>;
  if (!graph) return <Spinner />;
  const node = graph.nodes.find((n) => n.id === selected) ?? null;
  const editable = graph.readOnly === null;

  return (
    <div className="step-editor">
      {graph.readOnly && <p className="alert alert-warn">{t(graph.readOnly)}</p>}
      <div className="step-editor-body">
        <div className="step-canvas" data-testid="step-canvas">
          <ReactFlow
            // a new mount per structure change fits the view around added or removed steps
            key={graph.nodes.length}
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            onNodeClick={(_e, n) => setSelected(n.id)}
            onPaneClick={() => setSelected(null)}
            nodesDraggable={false}
            nodesConnectable={false}
            fitView
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={ariaLabels}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        <aside className="step-side card">
          {node ? (
            <StepForm
              key={node.id}
              node={node}
              editable={editable}
              onSave={(patch) => edit((m) => updateStep(m.moddle as never, m.definitions, node.id, patch), false)}
              onAddAfter={() =>
                edit((m) => {
                  const id = insertStepAfter(m.moddle as never, m.definitions, node.id, t("stepEditor.newStep"));
                  if (id) setSelected(id);
                }, true)
              }
              onRemove={() =>
                edit((m) => {
                  if (removeStep(m.definitions, node.id)) setSelected(null);
                }, true)
              }
            />
          ) : (
            <p className="muted">{t("stepEditor.selectHint")}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function StepForm({
  node,
  editable,
  onSave,
  onAddAfter,
  onRemove,
}: {
  node: StepNode;
  editable: boolean;
  onSave: (patch: Parameters<typeof updateStep>[3]) => void;
  onAddAfter: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const s = node.settings;
  const [name, setName] = useState(node.label);
  const [roles, setRoles] = useState(s?.roles.join(", ") ?? "");
  const [formId, setFormId] = useState(s?.formId ?? "");
  const [documents, setDocuments] = useState(s?.documents.join(", ") ?? "");
  const [slaValue, setSlaValue] = useState(s?.slaValue === null || !s ? "" : String(s.slaValue));
  const [slaUnit, setSlaUnit] = useState(s?.slaUnit ?? "workingDays");
  const list = (text: string) =>
    text
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  const isStep = node.kind === "step";
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(slaValue.replace(",", "."));
        onSave(
          isStep
            ? {
                name,
                roles: list(roles),
                formId: formId.trim(),
                documents: list(documents),
                slaValue: slaValue.trim() && Number.isFinite(n) ? n : null,
                slaUnit,
              }
            : { name },
        );
      }}
    >
      <h2>{t(`stepEditor.kind.${node.kind}`)}</h2>
      {node.hint && <p className="alert alert-info">{t(node.hint)}</p>}
      <fieldset disabled={!editable || node.kind === "other"} className="plain">
        <label>
          {t("stepEditor.action")}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {isStep && (
          <>
            <label>
              {t("stepEditor.roles")}
              <input value={roles} onChange={(e) => setRoles(e.target.value)} placeholder="front-office" />
            </label>
            <label>
              {t("stepEditor.form")}
              <input value={formId} onChange={(e) => setFormId(e.target.value)} />
            </label>
            <label>
              {t("stepEditor.documents")}
              <input value={documents} onChange={(e) => setDocuments(e.target.value)} placeholder="ktp, kk" />
            </label>
            <label>
              {t("stepEditor.sla")}
              <span className="inline-pair">
                <input inputMode="decimal" value={slaValue} onChange={(e) => setSlaValue(e.target.value)} />
                <select
                  value={slaUnit}
                  onChange={(e) => setSlaUnit(e.target.value)}
                  aria-label={t("stepEditor.slaUnit")}
                >
                  {WorkingTimeUnit.options.map((u) => (
                    <option key={u} value={u}>
                      {t(`unit.${u}`)}
                    </option>
                  ))}
                </select>
              </span>
            </label>
          </>
        )}
        <div className="page-actions">
          <button type="submit" className="btn btn-primary">
            {t("common.apply")}
          </button>
          {node.kind !== "end" && (
            <button type="button" className="btn" onClick={onAddAfter}>
              {t("stepEditor.addAfter")}
            </button>
          )}
          {(isStep || node.kind === "wait" || node.kind === "auto") && (
            <button type="button" className="btn btn-danger" onClick={onRemove}>
              {t("stepEditor.remove")}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}

type CardData = { node: StepNode; selected: boolean };

function StepCard({ data }: NodeProps<Node<CardData>>) {
  const { t } = useTranslation();
  const { node } = data;
  const s = node.settings;
  return (
    <div className={`step-card kind-${node.kind}${data.selected ? " selected" : ""}`}>
      <Handle type="target" position={Position.Left} />
      <div className="step-card-kind">
        {node.kind === "wait" ? t(`stepEditor.wait.${node.waitFor ?? "message"}`) : t(`stepEditor.kind.${node.kind}`)}
      </div>
      <div className="step-card-title">{node.label || "—"}</div>
      {s && (
        <div className="step-card-meta">
          {s.roles.length > 0 && (
            <div>
              {t("stepEditor.card.roles")}: {s.roles.join(", ")}
            </div>
          )}
          {s.slaValue !== null && (
            <div>
              {t("stepEditor.card.sla")}: {s.slaValue} {t(`unit.${s.slaUnit}`)}
            </div>
          )}
          {s.documents.length > 0 && (
            <div>
              {t("stepEditor.card.documents")}: {s.documents.join(", ")}
            </div>
          )}
          {s.formId && (
            <div>
              {t("stepEditor.card.form")}: {s.formId}
            </div>
          )}
        </div>
      )}
      {node.hint && <div className="step-card-hint">{t("stepEditor.useBpmn")}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const NODE_TYPES = { card: StepCard };
const CARD = { width: 190, height: 110 };

/** React Flow's own screen-reader texts and control labels, in the current language. */
function flowAriaLabels(t: TFunction): Partial<AriaLabelConfig> {
  return {
    "node.a11yDescription.default": t("stepEditor.a11y.nodeHelp"),
    "node.a11yDescription.keyboardDisabled": t("stepEditor.a11y.nodeHelp"),
    "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }) => t("stepEditor.a11y.moved", { direction, x, y }),
    "edge.a11yDescription.default": t("stepEditor.a11y.edgeHelp"),
    "controls.ariaLabel": t("stepEditor.a11y.controls"),
    "controls.zoomIn.ariaLabel": t("stepEditor.a11y.zoomIn"),
    "controls.zoomOut.ariaLabel": t("stepEditor.a11y.zoomOut"),
    "controls.fitView.ariaLabel": t("stepEditor.a11y.fitView"),
    "controls.interactive.ariaLabel": t("stepEditor.a11y.interactive"),
    "minimap.ariaLabel": t("stepEditor.a11y.minimap"),
    "handle.ariaLabel": t("stepEditor.a11y.handle"),
  };
}

function toFlow(
  graph: StepGraph | null,
  selected: string | null,
  t: TFunction,
): { nodes: Node<CardData>[]; edges: Edge[] } {
  if (!graph) return { nodes: [], edges: [] };
  // cards are larger than BPMN shapes: lay out with card sizes, positions scaled apart
  const positions = layoutGraph({ ...graph });
  const names = new Map(graph.nodes.map((n) => [n.id, n.label || n.id]));
  // React Flow calls nodes and edges "node"/"edge" (in English) to screen readers unless told otherwise
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    return {
      id: n.id,
      type: "card",
      position: { x: p.x * 1.9, y: p.y * 1.6 },
      data: { node: n, selected: n.id === selected },
      style: { width: CARD.width },
      ariaLabel: names.get(n.id),
      domAttributes: { "aria-roledescription": t("stepEditor.a11y.node") },
    };
  });
  const edges = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label || undefined,
    ariaLabel: t("stepEditor.a11y.edgeLabel", { from: names.get(e.source), to: names.get(e.target) }),
    domAttributes: { "aria-roledescription": t("stepEditor.a11y.edge") },
  }));
  return { nodes, edges };
}
