/**
 * Low-code step editor: the process as cards on React Flow with dagre auto-layout. It edits the
 * same BPMN model (a bpmn-moddle tree it owns while shown) and hands XML back on every change:
 * steps (role, SLA, documents, a form with yes/no and multiple-choice questions, reminders and
 * escalation after N working days), decisions on a form answer (yes/no or one branch per choice),
 * branches that return to an earlier step, parallel steps that join, waits that stop the service
 * clock, and outcomes; or a whole procedure from a template.
 */
import "@xyflow/react/dist/style.css";
import "./step-editor.css";
import { createModdle } from "@alur/shared/compiler";
import { WorkingTimeUnit } from "@alur/shared/schemas";
import { useQuery } from "@tanstack/react-query";
import {
  type AriaLabelConfig,
  Background,
  ControlButton,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  MiniMap,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { rolesQuery } from "../../api/queries/tasks";
import { Spinner } from "../../components/query-state";
import { feelConditionError } from "../modeler/condition-check";
import type { Bo } from "../modeler/model-access";
import {
  type ConditionValue,
  OPERATORS,
  type Operator,
  readCondition,
  valueFromInput,
  writeCondition,
} from "./condition-builder";
import { readableViewport } from "./fit-view";
import {
  addChoiceQuestion,
  addYesNoQuestion,
  type FormField,
  formFields,
  questionsOf,
  requirementsOf,
} from "./step-fields";
import {
  addParallelBranch,
  decideOn,
  flowTargets,
  insertChoiceAfter,
  insertDecisionAfter,
  insertParallelAfter,
  insertStepAfter,
  insertStepOnFlow,
  layoutGraph,
  modelToGraph,
  processOf,
  rebuildDiagram,
  removeStep,
  retargetFlow,
  type StepEdge,
  type StepGraph,
  type StepNode,
  shownTarget,
  updateFlow,
  updateStep,
} from "./step-graph";
import { applyTemplate, TEMPLATES, type TemplateId, timerWords } from "./step-templates";
import { type StepTimer, setStepTimer, TIMER_KINDS, type TimerKind } from "./step-timers";

type Loaded = { moddle: ReturnType<typeof createModdle>; definitions: Bo };
type Selection = { type: "node" | "edge"; id: string } | null;

export function StepEditor({
  xml,
  onChange,
  forms = {},
  focus,
}: {
  xml: string;
  onChange: (xml: string) => void;
  /** Forms deployed with the version opened, for the fields a decision can read. */
  forms?: Record<string, unknown>;
  /** An element to select (e.g. from the problems list); `n` makes the same one selectable again. */
  focus?: { id: string; n: number } | null;
}) {
  const { t } = useTranslation();
  const model = useRef<Loaded | null>(null);
  const [graph, setGraph] = useState<StepGraph | null>(null);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<Selection>(null);
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

  useEffect(() => {
    if (!focus || !graph) return;
    if (graph.nodes.some((n) => n.id === focus.id)) setSelected({ type: "node", id: focus.id });
    else if (graph.edges.some((e) => e.id === focus.id)) setSelected({ type: "edge", id: focus.id });
  }, [focus, graph]);

  // Undo and redo since the editor opened: the model as XML after each edit (the moddle tree is
  // edited in place, so a snapshot is its serialisation); `undoable` re-renders the buttons.
  const history = useRef<{ past: string[]; current: string; future: string[] }>({
    past: [],
    current: xml,
    future: [],
  });
  const [undoable, setUndoable] = useState({ undo: false, redo: false });
  const syncUndoable = () =>
    setUndoable({ undo: history.current.past.length > 0, redo: history.current.future.length > 0 });

  /** Applies an edit to the model, re-lays out when the structure changed, and reports the XML. */
  const edit = (change: (m: Loaded) => void, structural: boolean) => {
    const m = model.current;
    if (!m) return;
    change(m);
    if (structural) rebuildDiagram(m.moddle as never, m.definitions);
    setGraph(modelToGraph(m.definitions));
    void m.moddle.toXML(m.definitions as never, { format: true }).then(({ xml: out }) => {
      const h = history.current;
      if (out !== h.current) {
        h.past.push(h.current);
        h.current = out;
        h.future = [];
        syncUndoable();
      }
      onChange(out);
    });
  };

  /** Loads an earlier (or later) state of the model into the editor and reports it. */
  const restore = async (target: string) => {
    const moddle = createModdle();
    const { rootElement } = await moddle.fromXML(target);
    model.current = { moddle, definitions: rootElement as unknown as Bo };
    setSelected(null);
    setGraph(modelToGraph(model.current.definitions));
    syncUndoable();
    onChange(target);
  };
  const undo = () => {
    const h = history.current;
    const previous = h.past.pop();
    if (previous === undefined) return;
    h.future.push(h.current);
    h.current = previous;
    void restore(previous);
  };
  const redo = () => {
    const h = history.current;
    const next = h.future.pop();
    if (next === undefined) return;
    h.past.push(h.current);
    h.current = next;
    void restore(next);
  };
  // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y), unless the admin is typing in a field (its own undo)
  const keys = useRef({ undo, redo });
  keys.current = { undo, redo };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) keys.current.undo();
      else if ((key === "z" && e.shiftKey) || key === "y") keys.current.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const { nodes, edges } = useMemo(() => {
    const definitions = model.current?.definitions;
    const questions = (id: string) => {
      const bo = definitions && findBo(definitions, id);
      return bo ? questionsOf(bo).length : 0;
    };
    return toFlow(graph, selected, t, questions);
  }, [graph, selected, t]);
  const ariaLabels = useMemo(() => flowAriaLabels(t), [t]);
  // the structure (not the names): a new mount per structure change fits the view around it
  const structure = graph ? graph.edges.map((e) => `${e.source}>${e.target}`).join(",") : "";
  // the canvas's size before React Flow mounts, so each mount opens at the readable fit
  const canvasRef = useRef<HTMLDivElement>(null);
  const [canvasSize, setCanvasSize] = useState<{ width: number; height: number } | null>(null);
  const loaded = graph !== null;
  useLayoutEffect(() => {
    const el = canvasRef.current;
    if (loaded && el) setCanvasSize({ width: el.clientWidth, height: el.clientHeight });
  }, [loaded]);
  const initialViewport = useMemo(() => {
    if (!canvasSize || nodes.length === 0) return undefined;
    const x0 = Math.min(...nodes.map((n) => n.position.x));
    const y0 = Math.min(...nodes.map((n) => n.position.y));
    const x1 = Math.max(...nodes.map((n) => n.position.x + (n.width ?? 0)));
    const y1 = Math.max(...nodes.map((n) => n.position.y + (n.height ?? 0)));
    return readableViewport({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, canvasSize.width, canvasSize.height);
  }, [canvasSize, nodes]);
  if (failed) return <p className="alert alert-error">{t("stepEditor.loadFailed")}</p>;
  if (!graph || !model.current) return <Spinner />;
  const m = model.current;
  const editable = graph.readOnly === null;
  const partly = graph.nodes.some((n) => n.kind === "other" || n.kind === "auto");
  const node = selected?.type === "node" ? (graph.nodes.find((n) => n.id === selected.id) ?? null) : null;
  const edge = selected?.type === "edge" ? (graph.edges.find((e) => e.id === selected.id) ?? null) : null;
  const fields = formFields(m.definitions, forms);

  return (
    <div className="step-editor">
      {graph.readOnly && <p className="alert alert-warn">{t(graph.readOnly)}</p>}
      {!graph.readOnly && partly && (
        <p className="alert alert-info" data-testid="step-editor-partial">
          {t("stepEditor.partial")}
        </p>
      )}
      {editable && (
        <div className="step-tools">
          <div className="step-history" role="toolbar" aria-label={t("stepEditor.history")}>
            <button type="button" className="btn" onClick={undo} disabled={!undoable.undo} title="Ctrl+Z">
              {t("stepEditor.undo")}
            </button>
            <button type="button" className="btn" onClick={redo} disabled={!undoable.redo} title="Ctrl+Shift+Z">
              {t("stepEditor.redo")}
            </button>
          </div>
          <TemplatePicker
            onApply={(id) =>
              edit((x) => {
                applyTemplate(x.moddle as never, x.definitions, id, t);
                setSelected(null);
              }, true)
            }
          />
        </div>
      )}
      <div className="step-editor-body">
        <div className="step-canvas" data-testid="step-canvas" ref={canvasRef}>
          {canvasSize && (
            <ReactFlow
              key={structure}
              defaultViewport={initialViewport ?? { x: 0, y: 0, zoom: 1 }}
              nodes={nodes}
              edges={edges}
              nodeTypes={NODE_TYPES}
              onNodeClick={(_e, n) => setSelected({ type: "node", id: n.id })}
              onEdgeClick={(_e, e) => setSelected({ type: "edge", id: e.id })}
              onPaneClick={() => setSelected(null)}
              nodesDraggable={false}
              nodesConnectable={false}
              minZoom={0.2}
              proOptions={{ hideAttribution: true }}
              ariaLabelConfig={ariaLabels}
            >
              <Background />
              <RefitOnResize />
              <StepControls />
              <MiniMap
                pannable
                zoomable
                nodeStrokeWidth={3}
                nodeColor={(n) => MINIMAP_COLORS[(n.data as CardData).node.kind] ?? "#98a2b3"}
                maskColor="rgba(16, 24, 40, 0.08)"
              />
            </ReactFlow>
          )}
        </div>
        <aside className="step-side card" data-testid="step-side">
          {node ? (
            <NodeForm
              key={node.id}
              node={node}
              graph={graph}
              bo={findBo(m.definitions, node.id)}
              definitions={m.definitions}
              fields={fields}
              editable={editable}
              onSave={(patch) =>
                edit(
                  (x) => {
                    updateStep(x.moddle as never, x.definitions, node.id, patch);
                    // a renamed step's reminders name it anew
                    const name = patch.name;
                    if (name === undefined || name === node.label) return;
                    for (const timer of node.timers ?? [])
                      setStepTimer(x.moddle as never, x.definitions, node.id, timer.kind, {
                        days: timer.days,
                        roles:
                          modelToGraph(x.definitions)
                            .nodes.find((n) => n.id === node.id)
                            ?.timers?.find((y) => y.kind === timer.kind)?.roles ?? timer.roles,
                        words: timerWords(t, timer.kind, name || node.id, timer.days),
                      });
                  },
                  (node.timers?.length ?? 0) > 0 && patch.name !== undefined && patch.name !== node.label,
                )
              }
              onAddStep={(wait) =>
                edit((x) => {
                  const id = insertStepAfter(
                    x.moddle as never,
                    x.definitions,
                    node.id,
                    t(wait ? "stepEditor.newWait" : "stepEditor.newStep"),
                    wait ? { roles: ["front-office"], pausesClock: true } : {},
                  );
                  if (id) setSelected({ type: "node", id });
                }, true)
              }
              onAddDecision={() =>
                edit((x) => {
                  const id = insertDecisionAfter(x.moddle as never, x.definitions, node.id, {
                    name: t("stepEditor.newDecision"),
                    yes: t("stepEditor.yes"),
                    no: t("stepEditor.no"),
                    rejected: t("stepEditor.outcome.rejected"),
                  });
                  if (id) setSelected({ type: "node", id });
                }, true)
              }
              onQuestion={(label) =>
                edit((x) => addYesNoQuestion(x.moddle as never, x.definitions, node.id, label), false)
              }
              onDecideOn={(field) => edit((x) => decideOn(x.moddle as never, x.definitions, node.id, field), false)}
              onChoiceQuestion={(label, choices) =>
                edit((x) => addChoiceQuestion(x.moddle as never, x.definitions, node.id, label, choices), false)
              }
              onAddChoice={(field) =>
                edit((x) => {
                  const id = insertChoiceAfter(
                    x.moddle as never,
                    x.definitions,
                    node.id,
                    { name: field.label, otherwise: t("stepEditor.choice.otherwise") },
                    field.key,
                    field.options.map((o) => ({ value: o, label: o })),
                  );
                  if (id) setSelected({ type: "node", id });
                }, true)
              }
              onAddParallel={() =>
                edit((x) => {
                  const made = insertParallelAfter(
                    x.moddle as never,
                    x.definitions,
                    node.id,
                    [1, 2].map((n) => t("stepEditor.parallel.step", { n })),
                    { split: t("stepEditor.parallel.split"), join: t("stepEditor.parallel.join") },
                  );
                  if (made) setSelected({ type: "node", id: made.steps[0]! });
                }, true)
              }
              onAddBranch={() =>
                edit((x) => {
                  const id = addParallelBranch(
                    x.moddle as never,
                    x.definitions,
                    node.id,
                    t("stepEditor.parallel.step", { n: graph.edges.filter((e) => e.source === node.id).length + 1 }),
                  );
                  if (id) setSelected({ type: "node", id });
                }, true)
              }
              onTimer={(kind, spec) =>
                edit(
                  (x) =>
                    setStepTimer(
                      x.moddle as never,
                      x.definitions,
                      node.id,
                      kind,
                      spec && { ...spec, words: timerWords(t, kind, node.label || node.id, spec.days) },
                    ),
                  true,
                )
              }
              onSelectEdge={(id) => setSelected({ type: "edge", id })}
              onRemove={() =>
                edit((x) => {
                  if (removeStep(x.definitions, node.id)) setSelected(null);
                }, true)
              }
            />
          ) : edge ? (
            <BranchForm
              key={`${edge.id}-${edge.condition ?? ""}-${edge.target}`}
              edge={edge}
              graph={graph}
              fields={fields}
              editable={editable}
              onSave={(patch) => edit((x) => updateFlow(x.moddle as never, x.definitions, edge.id, patch), false)}
              onRetarget={(target) =>
                edit((x) => retargetFlow(x.moddle as never, x.definitions, edge.id, target), true)
              }
              onAddStep={() =>
                edit((x) => {
                  const id = insertStepOnFlow(x.moddle as never, x.definitions, edge.id, t("stepEditor.newStep"));
                  if (id) setSelected({ type: "node", id });
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

function findBo(definitions: Bo, id: string): Bo | undefined {
  return ((processOf(definitions)?.get("flowElements") as Bo[] | undefined) ?? []).find((e) => e.id === id);
}

/** The staff roles to pick from, named in the current language; the ids already set stay listed. */
function useRoleOptions(current: string[], headsFirst = false): { id: string; name: string }[] {
  const { i18n } = useTranslation();
  const roles = useQuery(rolesQuery());
  const staff = (roles.data?.items ?? [])
    .filter((r) => r.kind === "staff")
    .sort((a, b) => (headsFirst ? Number(b.isHead) - Number(a.isHead) : 0));
  const options = staff.map((r) => ({ id: r.id, name: i18n.language === "en" ? r.nameEn : r.nameId }));
  for (const id of current) if (!options.some((o) => o.id === id)) options.push({ id, name: id });
  return options;
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

function NodeForm({
  node,
  graph,
  bo,
  definitions,
  fields,
  editable,
  onSave,
  onAddStep,
  onAddDecision,
  onQuestion,
  onDecideOn,
  onChoiceQuestion,
  onAddChoice,
  onAddParallel,
  onAddBranch,
  onTimer,
  onSelectEdge,
  onRemove,
}: {
  node: StepNode;
  graph: StepGraph;
  bo: Bo | undefined;
  definitions: Bo;
  fields: FormField[];
  editable: boolean;
  onSave: (patch: Parameters<typeof updateStep>[3]) => void;
  onAddStep: (wait: boolean) => void;
  onAddDecision: () => void;
  onQuestion: (label: string) => void;
  onDecideOn: (field: string) => void;
  onChoiceQuestion: (label: string, choices: string[]) => void;
  onAddChoice: (field: FormField) => void;
  onAddParallel: () => void;
  onAddBranch: () => void;
  onTimer: (kind: TimerKind, spec: { days: number; roles: string[] } | null) => void;
  onSelectEdge: (id: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const s = node.settings;
  const [name, setName] = useState(node.label);
  const [roles, setRoles] = useState<string[]>(s?.roles ?? []);
  const [documents, setDocuments] = useState<string[]>(s?.documents ?? []);
  const [slaValue, setSlaValue] = useState(s?.slaValue === null || !s ? "" : String(s.slaValue));
  const [slaUnit, setSlaUnit] = useState(s?.slaUnit ?? "workingDays");
  const [pausesClock, setPausesClock] = useState(s?.pausesClock ?? false);
  const [question, setQuestion] = useState("");
  const roleOptions = useRoleOptions(s?.roles ?? []);
  const requirements = requirementsOf(definitions);
  for (const id of s?.documents ?? []) if (!requirements.some((r) => r.id === id)) requirements.push({ id, name: id });
  const isStep = node.kind === "step";
  const outgoing = graph.edges.filter((e) => e.source === node.id);
  const questions = bo && isStep ? questionsOf(bo) : [];
  const yesNo = fields.filter((f) => f.kind === "boolean");
  const choiceFields = fields.filter((f) => f.kind === "string" && f.options.length >= 2);
  const [choiceField, setChoiceField] = useState("");
  const decidedOn = node.kind === "decision" ? readCondition(outgoing[0]?.condition ?? "")?.field : undefined;
  const n = Number(slaValue.replace(",", "."));
  const slaInvalid = slaValue.trim() !== "" && !(Number.isFinite(n) && n >= 0);
  const title =
    isStep && s?.pausesClock
      ? t("stepEditor.kind.clockWait")
      : node.joins
        ? t("stepEditor.kind.join")
        : t(`stepEditor.kind.${node.kind}`);
  return (
    <form
      data-testid="node-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (slaInvalid) return;
        onSave(
          isStep
            ? {
                name,
                roles,
                documents,
                slaValue: slaValue.trim() ? n : null,
                slaUnit,
                pausesClock,
              }
            : { name },
        );
      }}
    >
      <h2>{title}</h2>
      {node.hint && <p className="alert alert-info">{t(node.hint)}</p>}
      <fieldset disabled={!editable || node.kind === "other"} className="plain">
        <label>
          {node.kind === "end" ? t("stepEditor.outcomeName") : t("stepEditor.action")}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            list={node.kind === "end" ? "outcomes" : undefined}
          />
        </label>
        {node.kind === "end" && (
          <datalist id="outcomes">
            {["approved", "rejected", "withdrawn", "done"].map((o) => (
              <option key={o} value={t(`stepEditor.outcome.${o}`)} />
            ))}
          </datalist>
        )}
        {isStep && (
          <>
            <fieldset className="choice-list">
              <legend>{t("stepEditor.roles")}</legend>
              {roleOptions.map((r) => (
                <label key={r.id} className="check">
                  <input
                    type="checkbox"
                    checked={roles.includes(r.id)}
                    onChange={(e) => setRoles(toggle(roles, r.id, e.target.checked))}
                  />
                  {r.name}
                </label>
              ))}
            </fieldset>
            <label>
              {t("stepEditor.sla")}
              <span className="inline-pair">
                <input
                  inputMode="decimal"
                  value={slaValue}
                  aria-invalid={slaInvalid}
                  onChange={(e) => setSlaValue(e.target.value)}
                />
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
            {slaInvalid && <p className="field-error">{t("stepEditor.slaInvalid")}</p>}
            <fieldset className="choice-list">
              <legend>{t("stepEditor.documents")}</legend>
              {requirements.length === 0 && <p className="muted">{t("stepEditor.noRequirements")}</p>}
              {requirements.map((r) => (
                <label key={r.id} className="check">
                  <input
                    type="checkbox"
                    checked={documents.includes(r.id)}
                    onChange={(e) => setDocuments(toggle(documents, r.id, e.target.checked))}
                  />
                  {r.name}
                </label>
              ))}
            </fieldset>
            <label className="check">
              <input type="checkbox" checked={pausesClock} onChange={(e) => setPausesClock(e.target.checked)} />
              {t("stepEditor.pausesClock")}
            </label>
          </>
        )}
        <div className="page-actions">
          <button type="submit" className="btn btn-primary">
            {t("common.apply")}
          </button>
          {(isStep || node.kind === "auto") && (
            <button type="button" className="btn btn-danger" onClick={onRemove}>
              {t("stepEditor.remove")}
            </button>
          )}
        </div>
        {isStep && (
          <div className="step-questions">
            <h3>{t("stepEditor.form")}</h3>
            {s?.formId && questions.length === 0 && (
              <p className="muted">{t("stepEditor.formLinked", { id: s.formId })}</p>
            )}
            <ul data-testid="questions">
              {questions.map((q) => (
                <li key={q.key}>
                  {q.label} <small className="muted">({t(`stepEditor.fieldKind.${q.kind}`)})</small>
                </li>
              ))}
            </ul>
            <span className="inline-pair wide">
              <input
                value={question}
                onChange={(e) => setQuestion(e.target.value)}
                placeholder={t("stepEditor.questionPlaceholder")}
                aria-label={t("stepEditor.question")}
              />
              <button
                type="button"
                className="btn"
                disabled={!question.trim()}
                onClick={() => {
                  onQuestion(question);
                  setQuestion("");
                }}
              >
                {t("stepEditor.addQuestion")}
              </button>
            </span>
            <ChoiceQuestion onAdd={onChoiceQuestion} />
          </div>
        )}
        {isStep && <TimerFields key={timerKey(node.timers)} node={node} onTimer={onTimer} />}
        {node.kind === "parallel" && !node.joins && (
          <div className="step-questions">
            <p className="muted">{t("stepEditor.parallel.about")}</p>
            <button type="button" className="btn" onClick={onAddBranch}>
              {t("stepEditor.parallel.addBranch")}
            </button>
          </div>
        )}
        {node.kind === "decision" && (
          <div className="step-questions">
            {outgoing.length === 2 && (
              <>
                <label>
                  {t("stepEditor.decideOn")}
                  <select value={decidedOn ?? ""} onChange={(e) => e.target.value && onDecideOn(e.target.value)}>
                    <option value="">—</option>
                    {yesNo.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </label>
                {yesNo.length === 0 && <p className="muted">{t("stepEditor.noYesNo")}</p>}
              </>
            )}
            <h3>{t("stepEditor.branches")}</h3>
            <ul>
              {outgoing.map((e) => (
                <li key={e.id}>
                  <button type="button" className="linkish" onClick={() => onSelectEdge(e.id)}>
                    {e.label || t("stepEditor.branch")} → {nameOf(graph, shownTarget(graph, e))}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {node.kind !== "end" && outgoing.length === 1 && (
          <div className="page-actions">
            <button type="button" className="btn" onClick={() => onAddStep(false)}>
              {t("stepEditor.addAfter")}
            </button>
            <button type="button" className="btn" onClick={onAddDecision}>
              {t("stepEditor.addDecision")}
            </button>
            <button type="button" className="btn" onClick={() => onAddStep(true)}>
              {t("stepEditor.addWait")}
            </button>
            <button type="button" className="btn" onClick={onAddParallel}>
              {t("stepEditor.parallel.add")}
            </button>
          </div>
        )}
        {node.kind !== "end" && outgoing.length === 1 && (
          <div className="step-questions">
            <label>
              {t("stepEditor.choice.field")}
              <select value={choiceField} onChange={(e) => setChoiceField(e.target.value)}>
                <option value="">—</option>
                {choiceFields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label} ({f.options.join(", ")})
                  </option>
                ))}
              </select>
            </label>
            {choiceFields.length === 0 && <p className="muted">{t("stepEditor.choice.none")}</p>}
            <button
              type="button"
              className="btn"
              disabled={!choiceFields.some((f) => f.key === choiceField)}
              onClick={() => {
                const field = choiceFields.find((f) => f.key === choiceField);
                if (field) onAddChoice(field);
              }}
            >
              {t("stepEditor.choice.add")}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

/** "Show all" at a readable size (fit-view.ts): the start in view when the whole does not fit. */
function useReadableFit(): () => void {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  return useCallback(() => {
    const nodes = flow.getNodes();
    if (nodes.length === 0 || !width || !height) return;
    void flow.setViewport(readableViewport(flow.getNodesBounds(nodes), width, height));
  }, [flow, width, height]);
}

/** Fits again when the canvas changes size (a phone turned, the window resized). */
function RefitOnResize() {
  const fit = useReadableFit();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!width || !height) return;
    const size = `${width}x${height}`;
    if (seen.current !== null && seen.current !== size) fit();
    seen.current = size;
  }, [width, height, fit]);
  return null;
}

function StepControls() {
  const { t } = useTranslation();
  const fit = useReadableFit();
  return (
    <Controls showInteractive={false} showFitView={false}>
      <ControlButton onClick={fit} aria-label={t("stepEditor.a11y.fitView")} title={t("stepEditor.a11y.fitView")}>
        <svg viewBox="0 0 32 30" aria-hidden="true">
          <path d="M3.7 11.2V4.3h6.9V0H3.7A3.7 3.7 0 0 0 0 3.7v7.5h3.7zM3.7 18.8H0v7.5A3.7 3.7 0 0 0 3.7 30h6.9v-3.7H3.7v-7.5zM28.3 0h-6.9v3.7h6.9v7.5H32V3.7A3.7 3.7 0 0 0 28.3 0zM28.3 26.3h-6.9V30h6.9a3.7 3.7 0 0 0 3.7-3.7v-7.5h-3.7v7.5z" />
        </svg>
      </ControlButton>
    </Controls>
  );
}

/** "Mulai dari templat": replaces the steps with one of the common shapes. */
function TemplatePicker({ onApply }: { onApply: (id: TemplateId) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<TemplateId>("verifikasi");
  const [open, setOpen] = useState(false);
  return (
    <details
      className="step-templates card"
      data-testid="step-templates"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t("stepEditor.template.title")}</summary>
      <fieldset className="choice-list plain">
        <legend className="sr-only">{t("stepEditor.template.pick")}</legend>
        {TEMPLATES.map((id) => (
          <label key={id} className="check">
            <input type="radio" name="step-template" checked={picked === id} onChange={() => setPicked(id)} />
            <span>
              <strong>{t(`stepEditor.template.${id}`)}</strong>
              <br />
              <small className="muted">{t(`stepEditor.template.about.${id}`)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">{t("stepEditor.template.replaces")}</p>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => {
          onApply(picked);
          setOpen(false);
        }}
      >
        {t("stepEditor.template.apply")}
      </button>
    </details>
  );
}

/** A multiple-choice question for the step's form: its words and its choices. */
function ChoiceQuestion({ onAdd }: { onAdd: (label: string, choices: string[]) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState("");
  const [options, setOptions] = useState("");
  const choices = [...new Set(options.split(",").map((o) => o.trim()))].filter(Boolean);
  const ready = label.trim() !== "" && choices.length >= 2;
  return (
    <div className="choice-question">
      <label>
        {t("stepEditor.choice.question")}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={t("stepEditor.choice.questionPlaceholder")}
        />
      </label>
      <label>
        {t("stepEditor.choice.options")}
        <input
          value={options}
          onChange={(e) => setOptions(e.target.value)}
          placeholder={t("stepEditor.choice.optionsPlaceholder")}
        />
      </label>
      {!ready && (label || options) && <p className="muted">{t("stepEditor.choice.tooFew")}</p>}
      <button
        type="button"
        className="btn"
        disabled={!ready}
        onClick={() => {
          onAdd(label, choices);
          setLabel("");
          setOptions("");
        }}
      >
        {t("stepEditor.choice.addQuestion")}
      </button>
    </div>
  );
}

function timerKey(timers: StepTimer[] | undefined): string {
  return (timers ?? []).map((x) => `${x.kind}:${x.days}:${x.roles.join(",")}`).join("|");
}

/** A step's reminder (to its own roles) and escalation (to a superior role) after N working days. */
function TimerFields({
  node,
  onTimer,
}: {
  node: StepNode;
  onTimer: (kind: TimerKind, spec: { days: number; roles: string[] } | null) => void;
}) {
  const { t } = useTranslation();
  const current = (kind: TimerKind) => node.timers?.find((x) => x.kind === kind);
  const [days, setDays] = useState<Record<TimerKind, string>>({
    reminder: String(current("reminder")?.days ?? ""),
    escalation: String(current("escalation")?.days ?? ""),
  });
  const [superior, setSuperior] = useState(current("escalation")?.roles[0] ?? "kepala-bidang");
  const roleOptions = useRoleOptions([superior], true);
  const stepRoles = node.settings?.roles ?? [];
  return (
    <div className="step-questions" data-testid="step-timers">
      <h3>{t("stepEditor.timer.title")}</h3>
      {TIMER_KINDS.map((kind) => {
        const n = Number(days[kind].replace(",", "."));
        const valid = Number.isInteger(n) && n >= 1 && n <= 365;
        const set = current(kind);
        return (
          <div key={kind} className="timer-row" data-testid={`timer-${kind}`}>
            <label>
              {t(`stepEditor.timer.${kind}.label`)}
              <span className="inline-pair">
                <input
                  inputMode="numeric"
                  value={days[kind]}
                  aria-invalid={days[kind] !== "" && !valid}
                  onChange={(e) => setDays({ ...days, [kind]: e.target.value })}
                />
                <span className="unit">{t("stepEditor.timer.days")}</span>
              </span>
            </label>
            {kind === "escalation" && (
              <label>
                {t("stepEditor.timer.escalateRole")}
                <select value={superior} onChange={(e) => setSuperior(e.target.value)}>
                  {roleOptions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {days[kind] !== "" && !valid && <p className="field-error">{t("stepEditor.timer.daysInvalid")}</p>}
            <span className="inline-pair">
              <button
                type="button"
                className="btn"
                disabled={!valid || (kind === "reminder" && stepRoles.length === 0)}
                onClick={() => onTimer(kind, { days: n, roles: kind === "reminder" ? stepRoles : [superior] })}
              >
                {t("stepEditor.timer.set")}
              </button>
              {set && (
                <button type="button" className="btn" onClick={() => onTimer(kind, null)}>
                  {t("stepEditor.timer.off")}
                </button>
              )}
            </span>
          </div>
        );
      })}
    </div>
  );
}

function nameOf(graph: StepGraph, id: string): string {
  return graph.nodes.find((n) => n.id === id)?.label || id;
}

/** A branch: its label, its condition (built, or FEEL for experts) and where it leads. */
function BranchForm({
  edge,
  graph,
  fields,
  editable,
  onSave,
  onRetarget,
  onAddStep,
}: {
  edge: StepEdge;
  graph: StepGraph;
  fields: FormField[];
  editable: boolean;
  onSave: (patch: { name?: string; condition?: string | null }) => void;
  onRetarget: (target: string) => void;
  onAddStep: () => void;
}) {
  const { t, i18n } = useTranslation();
  const source = graph.nodes.find((n) => n.id === edge.source);
  // a decision's default branch has no condition: it is taken when no other one holds
  const branching = source?.kind === "decision" && !edge.isDefault;
  const simple = readCondition(edge.condition ?? "");
  const [name, setName] = useState(edge.label === edge.condition ? "" : edge.label);
  const [field, setField] = useState(simple?.field ?? "");
  const [operator, setOperator] = useState<Operator>(simple?.operator ?? "=");
  const known = fields.find((f) => f.key === field);
  const kind: ConditionValue["kind"] = known?.kind ?? simple?.value.kind ?? "string";
  const [value, setValue] = useState(simple ? String(simple.value.value) : kind === "boolean" ? "true" : "");
  const [feel, setFeel] = useState(edge.condition ?? "");
  const parsed = valueFromInput(kind, value);
  const feelError = feelConditionError(
    feel,
    (_text, replacements) => t("stepEditor.feelError", replacements),
    i18n.language === "en" ? "en" : "id",
  );
  const unknownField = field !== "" && !known;
  return (
    <div data-testid="branch-form">
      <h2>{t("stepEditor.branch")}</h2>
      <p className="muted">
        {nameOf(graph, edge.source)} → {nameOf(graph, shownTarget(graph, edge))}
      </p>
      {edge.isDefault && <p className="alert alert-info">{t("stepEditor.defaultBranch")}</p>}
      <fieldset disabled={!editable} className="plain">
        <label>
          {t("stepEditor.branchName")}
          <input value={name} onChange={(e) => setName(e.target.value)} onBlur={() => onSave({ name })} />
        </label>
        {branching && (
          <form
            className="condition-builder"
            onSubmit={(e) => {
              e.preventDefault();
              if (!field || !parsed) return;
              onSave({ name, condition: writeCondition({ field, operator, value: parsed }) });
            }}
          >
            <h3>{t("stepEditor.condition")}</h3>
            <label>
              {t("stepEditor.conditionField")}
              <select
                value={field}
                onChange={(e) => {
                  setField(e.target.value);
                  const next = fields.find((f) => f.key === e.target.value);
                  if (next?.kind === "boolean") setValue("true");
                }}
              >
                <option value="">—</option>
                {fields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
                {unknownField && <option value={field}>{field}</option>}
              </select>
            </label>
            {unknownField && (
              <p className="field-error" role="alert">
                {t("stepEditor.unknownField", { field })}
              </p>
            )}
            <span className="inline-pair wide">
              <select
                value={operator}
                onChange={(e) => setOperator(e.target.value as Operator)}
                aria-label={t("stepEditor.conditionOperator")}
              >
                {OPERATORS.filter((o) => kind === "number" || o === "=" || o === "!=").map((o) => (
                  <option key={o} value={o}>
                    {t(`stepEditor.operator.${OPERATOR_KEYS[o]}`)}
                  </option>
                ))}
              </select>
              {kind === "boolean" ? (
                <select
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  aria-label={t("stepEditor.conditionValue")}
                >
                  <option value="true">{t("stepEditor.yes")}</option>
                  <option value="false">{t("stepEditor.no")}</option>
                </select>
              ) : known?.options.length ? (
                <select
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  aria-label={t("stepEditor.conditionValue")}
                >
                  <option value="">—</option>
                  {known.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  value={value}
                  inputMode={kind === "number" ? "decimal" : undefined}
                  onChange={(e) => setValue(e.target.value)}
                  aria-label={t("stepEditor.conditionValue")}
                />
              )}
            </span>
            {!parsed && value !== "" && <p className="field-error">{t("stepEditor.valueInvalid")}</p>}
            <button type="submit" className="btn btn-primary" disabled={!field || !parsed}>
              {t("stepEditor.applyCondition")}
            </button>
            {edge.condition && !simple && <p className="muted">{t("stepEditor.conditionComplex")}</p>}
          </form>
        )}
        {branching && (
          <details className="feel-expert">
            <summary>{t("stepEditor.feelExpert")}</summary>
            <textarea
              rows={2}
              value={feel}
              onChange={(e) => setFeel(e.target.value)}
              aria-label={t("stepEditor.feel")}
            />
            {feelError && <p className="field-error">{feelError}</p>}
            <button
              type="button"
              className="btn"
              disabled={Boolean(feelError)}
              onClick={() => onSave({ condition: feel })}
            >
              {t("common.apply")}
            </button>
          </details>
        )}
        <label>
          {t("stepEditor.leadsTo")}
          <select value={shownTarget(graph, edge)} onChange={(e) => onRetarget(e.target.value)} data-testid="leads-to">
            {flowTargets(graph)
              .filter((n) => n.id !== edge.source)
              .map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label || n.id} ({t(`stepEditor.kind.${n.kind}`)})
                </option>
              ))}
          </select>
        </label>
        <div className="page-actions">
          <button type="button" className="btn" onClick={onAddStep}>
            {t("stepEditor.addOnBranch")}
          </button>
        </div>
      </fieldset>
    </div>
  );
}

const OPERATOR_KEYS: Record<Operator, string> = { "=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le" };

type CardData = { node: StepNode; selected: boolean; questions: number };

function StepCard({ data }: NodeProps<Node<CardData>>) {
  const { t } = useTranslation();
  const { node } = data;
  if (node.kind === "merge")
    return (
      <div className="step-merge" title={t("stepEditor.kind.merge")}>
        <Handle type="target" position={Position.Left} />
        <Handle type="source" position={Position.Right} />
      </div>
    );
  const s = node.settings;
  const clock = Boolean(s?.pausesClock);
  const kindLabel =
    node.kind === "wait"
      ? t(`stepEditor.wait.${node.waitFor ?? "message"}`)
      : clock
        ? t("stepEditor.kind.clockWait")
        : node.joins
          ? t("stepEditor.kind.join")
          : t(`stepEditor.kind.${node.kind}`);
  return (
    <div
      className={`step-card kind-${node.kind}${clock ? " clock-wait" : ""}${data.selected ? " selected" : ""}`}
      data-testid="step-card"
      data-kind={node.kind}
    >
      <Handle type="target" position={Position.Left} />
      <div className="step-card-kind">{kindLabel}</div>
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
          {(data.questions > 0 || s.formId) && (
            <div>
              {t("stepEditor.card.form")}:{" "}
              {data.questions > 0 ? t("stepEditor.card.questions", { count: data.questions }) : s.formId}
            </div>
          )}
          {clock && <div className="step-card-clock">⏸ {t("stepEditor.card.clockStops")}</div>}
          {(node.timers ?? []).map((x) => (
            <div key={x.kind} className={`step-card-timer timer-${x.kind}`} data-testid={`card-${x.kind}`}>
              {t(`stepEditor.timer.${x.kind}.card`, { count: x.days, roles: x.roles.join(", ") })}
            </div>
          ))}
        </div>
      )}
      {node.hint && <div className="step-card-hint">{t("stepEditor.useBpmn")}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const NODE_TYPES = { card: StepCard };
const MINIMAP_COLORS: Partial<Record<StepNode["kind"], string>> = {
  step: "#0b6e4f",
  decision: "#b54708",
  merge: "#b54708",
  parallel: "#b54708",
  start: "#475467",
  end: "#475467",
  wait: "#175cd3",
};

/** Card sizes on the canvas (larger than BPMN shapes), for the layout. */
function cardSize(node: StepNode): { width: number; height: number } {
  switch (node.kind) {
    case "start":
    case "end":
      return { width: 130, height: 56 };
    case "merge":
      return { width: 24, height: 24 };
    case "decision":
    case "parallel":
      return { width: 150, height: 64 };
    case "wait":
      return { width: 150, height: 64 };
    default:
      return { width: 176, height: 128 + 18 * (node.timers?.length ?? 0) };
  }
}

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
  selected: Selection,
  t: TFunction,
  questions: (id: string) => number = () => 0,
): { nodes: Node<CardData>[]; edges: Edge[] } {
  if (!graph) return { nodes: [], edges: [] };
  const layout = layoutGraph(graph, cardSize, { nodesep: 30, ranksep: 36 });
  const names = new Map(graph.nodes.map((n) => [n.id, n.label || n.id]));
  // React Flow calls nodes and edges "node"/"edge" (in English) to screen readers unless told otherwise
  const nodes = graph.nodes.map((n) => {
    const p = layout.nodes.get(n.id) ?? { x: 0, y: 0, ...cardSize(n) };
    return {
      id: n.id,
      type: "card",
      position: { x: p.x, y: p.y },
      data: { node: n, selected: selected?.type === "node" && n.id === selected.id, questions: questions(n.id) },
      width: p.width,
      height: p.height,
      ariaLabel: names.get(n.id),
      domAttributes: { "aria-roledescription": t("stepEditor.a11y.node") },
    };
  });
  const edges = graph.edges.map((e) => {
    const isSelected = selected?.type === "edge" && selected.id === e.id;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: "smoothstep",
      label: e.label || undefined,
      markerEnd: { type: MarkerType.ArrowClosed },
      interactionWidth: 24,
      className: isSelected ? "selected-edge" : undefined,
      style: isSelected ? { stroke: "#2e90fa", strokeWidth: 3 } : { strokeWidth: 1.5 },
      labelBgPadding: [4, 2] as [number, number],
      ariaLabel: t("stepEditor.a11y.edgeLabel", { from: names.get(e.source), to: names.get(e.target) }),
      domAttributes: {
        "aria-roledescription": t("stepEditor.a11y.edge"),
        "data-testid": "step-edge",
        "data-label": e.label,
      },
    };
  });
  return { nodes, edges };
}
