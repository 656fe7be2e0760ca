/**
 * The designer: a BPMN view (bpmn-js) and a step view (React Flow) over the same model, live
 * validation, import/export, save draft (and autosave), publish, and deriving a district variant.
 * Unsaved edits are marked and guarded against leaving.
 */
import type { Problem } from "@alur/shared/compiler";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { deployProcess } from "../../api/mutations/processes";
import { processBpmnQuery, processKeys, processVersionQuery, processVersionsQuery } from "../../api/queries/processes";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import { linkedForms } from "../forms/linked-forms";
import { type LegalBasisInput, legalBasisInput } from "../variants/legal-basis-input";
import { VariantCard } from "../variants/variant-card";
import type { Modeler } from "./bpmn-modeler";
import { BpmnModeler } from "./bpmn-modeler";
import { LeaveGuard } from "./leave-guard";
import { ChangeList, useModelChanges } from "./model-changes";
import {
  completionShortfallOf,
  isVariant,
  markVariant,
  processIdOf,
  proposedLegalBasis,
  readStandard,
  readVariant,
  recordLegalBasis,
  writeStandard,
} from "./model-commands";
import { proposedLegalBasisOfXml, recordLegalBasisInXml, standardOfXml, writeStandardInXml } from "./model-xml";
import { newDiagramXml } from "./new-diagram";
import { showProblems } from "./problem-overlays";
import { ProblemsList } from "./problems-list";
import { PublishDialog, type PublishInput } from "./publish-dialog";
import { refusedProblems } from "./refused-problems";
import { StandardEditor } from "./standard-editor";
import { readStandardForm, type StandardForm } from "./standard-form";
import { createValidationClient, errorsOf } from "./validation-client";

/** Today's date (ISO, local). */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Runs `fn` after the browser has painted the current frame (next frame's task). */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

/** Quiet time after the last edit before the draft is saved on its own. */
const AUTOSAVE_MS = 8_000;

/** The template's newest published version's XML, for a variant's "what differs" list. */
function useTemplateXml(templateProcessId: string | undefined): string | undefined {
  const versions = useQuery({ ...processVersionsQuery(templateProcessId ?? ""), enabled: Boolean(templateProcessId) });
  const published = versions.data?.items
    .filter((v) => v.district === null && v.status === "published")
    .sort((a, b) => b.version - a.version)[0];
  const xml = useQuery({ ...processBpmnQuery(published?.id ?? ""), enabled: Boolean(published) });
  return xml.data;
}

const StepEditor = lazy(async () => ({ default: (await import("../step-editor/step-editor")).StepEditor }));

export function DesignerPage() {
  const { versionId } = useParams();
  if (!versionId) return <Designer initialXml={newDiagramXml()} />;
  return <ExistingDesigner versionId={versionId} />;
}

function ExistingDesigner({ versionId }: { versionId: string }) {
  const bpmn = useQuery(processBpmnQuery(versionId));
  const version = useQuery(processVersionQuery(versionId));
  return (
    <QueryState query={bpmn}>
      {(xml) => (
        <Designer
          initialXml={xml}
          baseVersion={version.data ?? null}
          baseForms={version.data?.plan.forms ?? NO_FORMS}
        />
      )}
    </QueryState>
  );
}

type View = "bpmn" | "steps";

const NO_FORMS: Record<string, unknown> = {};
const EMPTY_STANDARD = readStandardForm(undefined);

function Designer({
  initialXml,
  baseVersion = null,
  baseForms = NO_FORMS,
}: {
  initialXml: string;
  baseVersion?: { id: string; processId: string; district: string | null; version: number; status: string } | null;
  /** Forms deployed with the version opened (its plan's); the model's linked forms go on with it. */
  baseForms?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const deriveFor = params.get("turunan");
  const modeler = useRef<Modeler | null>(null);
  // the model as last handed between the two views; the active view owns the live model
  const [xml, setXml] = useState(initialXml);
  const [view, setView] = useState<View>("bpmn");
  // the step editor loads its XML once: a new key remounts it on a model replaced from outside
  const [stepKey, setStepKey] = useState(0);
  const [stepFocus, setStepFocus] = useState<{ id: string; n: number } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [importError, setImportError] = useState<unknown>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [standardForm, setStandardForm] = useState<StandardForm | null>(null);
  const [variant, setVariant] = useState<ReturnType<typeof readVariant>>(null);
  const [proposed, setProposed] = useState<LegalBasisInput>(() => legalBasisInput(null, null, today()));
  // the model as last serialised for the variant's comparison with its template
  const [variantXml, setVariantXml] = useState<string | undefined>(undefined);
  // unsaved edits: the open model differs from what was opened or last saved
  const [dirty, setDirty] = useState(false);
  const [changeTick, setChangeTick] = useState(0);
  const savedXml = useRef<string | null>(null);
  // the version this model now continues (opened, or last saved): a changed process id renames it
  const savedVersionId = useRef<string | undefined>(baseVersion?.id);
  const [lastSave, setLastSave] = useState<{ version: number; status: string; auto: boolean } | null>(null);
  // the version the header names: the one opened, then the one last saved (a rename shows its new id)
  const [shown, setShown] = useState<{ processId: string; version: number; status: string } | null>(baseVersion);
  // after a refused publish attempt, live validation keeps the publication's strictness so the
  // admin sees each error go away as it is fixed
  const [strict, setStrict] = useState(false);
  const strictRef = useRef(strict);
  strictRef.current = strict;
  const fileInput = useRef<HTMLInputElement>(null);
  const errors = errorsOf(problems);
  const district = deriveFor ?? baseVersion?.district ?? user?.district ?? undefined;
  // a variant being derived is marked in the model once its legal basis is recorded
  const deriving = Boolean(deriveFor && baseVersion) && !variant;

  const [validator] = useState(createValidationClient);
  useEffect(() => () => validator.dispose(), [validator]);

  /** Validates the open model (or `text`, when that is what it was just opened with); null when stale. */
  const revalidate = useCallback(
    async (m: Modeler, forPublish = strictRef.current, text?: string): Promise<Problem[] | null> => {
      const source = text ?? (await m.saveXML()).xml ?? "";
      const found = await validator.validate(source, forPublish, baseForms);
      if (found === null || modeler.current !== m) return null;
      setProblems(found);
      showProblems(m, found);
      return found;
    },
    [validator, baseForms],
  );

  /** Validates the step view's model (the XML it last handed over); null when stale. */
  const revalidateXml = useCallback(
    async (text: string, forPublish = strictRef.current): Promise<Problem[] | null> => {
      const found = await validator.validate(text, forPublish, baseForms);
      if (found === null || modeler.current !== null) return null;
      setProblems(found);
      return found;
    },
    [validator, baseForms],
  );

  /** Publishing checks with the publication's strictness first; the dialog opens only without errors. */
  const requestPublish = async () => {
    const m = modeler.current;
    if (!m) {
      const found = await revalidateXml(xml, true);
      if (found === null) return;
      if (errorsOf(found).length > 0) {
        setStrict(true);
        return;
      }
      const { legalBasis, effectiveFrom } = await proposedLegalBasisOfXml(xml);
      setProposed(legalBasisInput(legalBasis, effectiveFrom, today()));
      setPublishOpen(true);
      return;
    }
    let found = await revalidate(m, true);
    // an edit committed just before the click (the panel commits on blur) overtakes this check;
    // check the newest model again rather than drop the click
    while (found === null && m && modeler.current === m) found = await revalidate(m, true);
    if (found === null) return;
    if (errorsOf(found).length > 0) {
      setStrict(true);
      return;
    }
    const { legalBasis, effectiveFrom } = proposedLegalBasis(m);
    setProposed(legalBasisInput(legalBasis, effectiveFrom, today()));
    setPublishOpen(true);
  };

  const refreshTemplateDiff = useCallback(async (m: Modeler) => {
    if (!isVariant(m)) return setVariantXml(undefined);
    const { xml: current } = await m.saveXML();
    if (current) setVariantXml(current);
  }, []);
  const templateXml = useTemplateXml(variant?.template || undefined);
  const templateChanges = useModelChanges(variant ? templateXml : undefined, variant ? variantXml : undefined);

  /** An edit happened: dirty unless the model is back to what was saved; the save banner goes. */
  const noteEdit = useCallback((isDirty: boolean) => {
    setDirty(isDirty);
    if (isDirty) {
      setLastSave(null);
      setChangeTick((n) => n + 1);
    }
  }, []);

  // in the step view the model is XML: the editor reads it, and its longest path, once per opening
  const stepStandard = useRef<Awaited<ReturnType<typeof standardOfXml>> | null>(null);
  const openStandard = useCallback(() => {
    const m = modeler.current;
    if (m) return setStandardForm(readStandard(m));
    void standardOfXml(xmlRef.current).then((read) => {
      stepStandard.current = read;
      setStandardForm(read.form);
    });
  }, []);
  const checkCompletion = useCallback(
    (completion: Parameters<typeof completionShortfallOf>[1]) =>
      modeler.current
        ? completionShortfallOf(modeler.current, completion)
        : (stepStandard.current?.checkCompletion(completion) ?? null),
    [],
  );
  const applyStandard = async (form: StandardForm) => {
    setStandardForm(null);
    if (modeler.current) return writeStandard(modeler.current, form);
    const next = await writeStandardInXml(xmlRef.current, form);
    if (next === xmlRef.current) return;
    setXml(next);
    // the step editor reads the model when it mounts: the requirements it offers are the new ones
    setStepKey((k) => k + 1);
    noteEdit(true);
    void revalidateXml(next);
  };

  const onReady = useCallback(
    (m: Modeler) => {
      modeler.current = m;
      // the properties panel's "Edit the service standard" button
      m.get<{ on(event: string, fn: () => void): void }>("eventBus").on("alur.standard.edit", openStandard);
      setImportError(null);
      setVariant(readVariant(m));
      // the XML it was opened with is the model; checked once the canvas has painted, so the
      // worker's start-up and the problem overlays do not stand between opening a large model
      // and working on it
      const text = xml;
      // what counts as unchanged: the model as this modeler writes it on opening
      if (savedXml.current === null)
        void m.saveXML({ format: true }).then(({ xml: out }) => {
          if (savedXml.current === null) savedXml.current = out ?? null;
        });
      afterPaint(() => {
        if (modeler.current !== m) return;
        void revalidate(m, undefined, text).then((found) => {
          if (found) performance.mark("alur:validation-shown");
        });
        void refreshTemplateDiff(m);
      });
    },
    [revalidate, refreshTemplateDiff, xml, openStandard],
  );
  const onChanged = useCallback(
    (m: Modeler) => {
      setVariant(readVariant(m));
      void revalidate(m);
      void refreshTemplateDiff(m);
      void m.saveXML({ format: true }).then(({ xml: out }) => {
        // before the opened model's own serialisation is known, nothing has been edited yet
        if (modeler.current === m) noteEdit(savedXml.current !== null && out !== savedXml.current);
      });
    },
    [revalidate, refreshTemplateDiff, noteEdit],
  );

  const xmlRef = useRef(xml);
  xmlRef.current = xml;
  const currentXml = async (): Promise<string> => {
    if (view === "bpmn" && modeler.current) {
      const { xml: out } = await modeler.current.saveXML({ format: true });
      return out ?? xml;
    }
    return xml;
  };

  const switchView = async (next: View) => {
    if (next === view) return;
    const out = await currentXml();
    if (next === "steps") {
      modeler.current = null;
      void revalidateXml(out);
    }
    setXml(out);
    setView(next);
  };

  /** Saves the open model (a draft, or published); the new saved state and whether it still differs. */
  const save = async (input: { publish: boolean; publishInput?: PublishInput }) => {
    if (input.publishInput && modeler.current) {
      recordLegalBasis(modeler.current, input.publishInput.legalBasis, input.publishInput.effectiveFrom);
    }
    let bpmnXml = await currentXml();
    if (input.publishInput && view === "steps") {
      bpmnXml = await recordLegalBasisInXml(bpmnXml, input.publishInput.legalBasis, input.publishInput.effectiveFrom);
      setXml(bpmnXml);
      setStepKey((k) => k + 1);
    }
    const response = await deployProcess({
      bpmnXml,
      // the forms the model references by id travel with it, as first start deployed them
      forms: await linkedForms(bpmnXml, baseForms),
      district,
      publish: input.publish,
      effectiveFrom: input.publishInput?.effectiveFrom,
      replaces: savedVersionId.current,
    });
    savedVersionId.current = response.version.id;
    savedXml.current = bpmnXml;
    // an edit made while the request travelled is still unsaved
    const now = view === "steps" ? xmlRef.current : await currentXml();
    return { response, stillDirty: now !== bpmnXml };
  };

  const saved = (result: Awaited<ReturnType<typeof save>>, auto: boolean) => {
    setDirty(result.stillDirty);
    setShown(result.response.version);
    if (!result.stillDirty)
      setLastSave({ version: result.response.version.version, status: result.response.version.status, auto });
    void client.invalidateQueries({ queryKey: processKeys.all });
  };

  const deploy = useMutation({
    mutationFn: save,
    onSuccess: (result, input) => {
      setPublishOpen(false);
      if (input.publish) setStrict(false);
      saved(result, false);
    },
    // the runtime's gate refused the model: its problems go to the list and the canvas
    onError: (error, input) => {
      const refused = refusedProblems(error);
      if (!refused) return;
      setPublishOpen(false);
      setProblems(refused);
      if (modeler.current) showProblems(modeler.current, refused);
      if (input.publish) setStrict(true);
    },
  });

  // a quiet spell after an edit saves the draft, if it could be saved: not while a variant still
  // lacks its legal basis, not with errors a draft is refused for, not during another save
  const autosave = useMutation({ mutationFn: () => save({ publish: false }), onSuccess: (r) => saved(r, true) });
  const canAutosave = dirty && !deriving && errors.length === 0 && !deploy.isPending && !autosave.isPending;
  const autosaveRef = useRef(autosave.mutate);
  autosaveRef.current = autosave.mutate;
  useEffect(() => {
    if (!canAutosave || changeTick === 0) return;
    const timer = setTimeout(() => autosaveRef.current(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [canAutosave, changeTick]);

  const exportFile = async () => {
    const out = await currentXml();
    const name = (modeler.current && processIdOf(modeler.current)) || "model";
    const url = URL.createObjectURL(new Blob([out], { type: "application/xml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${name}.bpmn`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File) => {
    const text = await file.text();
    if (view === "bpmn" && modeler.current) {
      try {
        await modeler.current.importXML(text);
        modeler.current.get<{ zoom(z: string, center: string): void }>("canvas").zoom("fit-viewport", "auto");
        setImportError(null);
        setVariant(readVariant(modeler.current));
        void revalidate(modeler.current, undefined, text);
        noteEdit(true);
      } catch (error) {
        setImportError(error);
      }
    } else {
      setXml(text);
      setStepKey((k) => k + 1);
      void revalidateXml(text);
    }
    noteEdit(true);
  };

  const selectElement = (elementId: string) => {
    const m = modeler.current;
    if (!m) return;
    const element = m.get<{ get(id: string): unknown }>("elementRegistry").get(elementId);
    if (!element) return;
    m.get<{ select(e: unknown): void }>("selection").select(element);
    // a large model may have the element off screen: bring it into view, as a search result would
    m.get<{ scrollToElement(e: unknown): void }>("canvas").scrollToElement(element);
  };

  return (
    <>
      <PageHeader
        title={deriveFor ? t("designer.deriveTitle", { district: deriveFor }) : t("designer.title")}
        sub={
          shown
            ? `${shown.processId} · v${shown.version} · ${t(`version.status.${shown.status}`, { defaultValue: shown.status })}`
            : t("designer.newModel")
        }
        actions={shown && <Link to={`/desainer/${shown.processId}/riwayat`}>{t("designer.history")}</Link>}
      />
      <div className="toolbar" role="toolbar" aria-label={t("designer.toolbar")}>
        <div className="tabs" role="tablist" style={{ margin: 0, border: 0 }}>
          <button type="button" role="tab" aria-selected={view === "bpmn"} onClick={() => void switchView("bpmn")}>
            {t("designer.bpmnView")}
          </button>
          <button type="button" role="tab" aria-selected={view === "steps"} onClick={() => void switchView("steps")}>
            {t("designer.stepView")}
          </button>
        </div>
        <button type="button" className="btn" onClick={openStandard} data-testid="edit-standard">
          {t("standardEditor.open")}
        </button>
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
          {t("designer.import")}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".bpmn,.xml"
          className="sr-only"
          aria-label={t("designer.import")}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = "";
          }}
        />
        <button type="button" className="btn" onClick={() => void exportFile()}>
          {t("designer.export")}
        </button>
        <button
          type="button"
          className="btn"
          disabled={deploy.isPending || autosave.isPending || deriving}
          title={deriving ? t("variant.required") : undefined}
          onClick={() => deploy.mutate({ publish: false })}
        >
          {t("designer.saveDraft")}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={errors.length > 0 || deploy.isPending || autosave.isPending || deriving}
          title={deriving ? t("variant.required") : errors.length > 0 ? t("designer.publishBlocked") : undefined}
          onClick={() => void requestPublish()}
        >
          {t("designer.publish")}
        </button>
        {deploy.isPending && <Spinner label={t("designer.saving")} />}
        <SaveState dirty={dirty} autosaving={autosave.isPending} known={Boolean(baseVersion || lastSave)} />
      </div>
      <LeaveGuard when={dirty} />
      {deploy.isError && <ErrorMessage error={deploy.error} />}
      {autosave.isError && !deploy.isError && <ErrorMessage error={autosave.error} />}
      {lastSave && (
        <p className="alert alert-ok" role="status" data-testid="save-banner">
          {lastSave.status === "published"
            ? t("designer.published", { version: lastSave.version })
            : lastSave.auto
              ? t("designer.autosaved", { version: lastSave.version })
              : t("designer.draftSaved", { version: lastSave.version })}
        </p>
      )}
      {strict && errors.length > 0 && (
        <p className="alert alert-error" role="alert" data-testid="publish-blocked">
          {t("designer.publishRefused", { count: errors.length })}
        </p>
      )}
      {importError !== null && <p className="alert alert-error">{t("designer.importFailed")}</p>}
      {view === "bpmn" && (deriving || variant) && (
        <VariantCard
          template={variant?.template || baseVersion?.processId || ""}
          district={variant?.district || deriveFor || ""}
          initial={legalBasisInput(variant?.legalBasis ?? null, variant?.effectiveFrom ?? null, today())}
          recorded={Boolean(variant?.legalBasis?.kind && variant.legalBasis.title)}
          onRecord={({ legalBasis, effectiveFrom }) => {
            const m = modeler.current;
            const template = variant?.template || baseVersion?.processId;
            const forDistrict = variant?.district || deriveFor;
            if (m && template && forDistrict)
              markVariant(m, { template, district: forDistrict, legalBasis, effectiveFrom });
          }}
        />
      )}
      {variant && (
        <div className="alert alert-info" data-testid="variant-changes">
          <span>{t("designer.variantNote")}</span>
          {templateChanges && templateXml && (
            <details>
              <summary>
                {t("designer.variantDiff", {
                  added: templateChanges.elements.filter((e) => e.change === "added").length,
                  removed: templateChanges.elements.filter((e) => e.change === "removed").length,
                  changed: templateChanges.elements.filter((e) => e.change === "changed").length,
                })}
              </summary>
              <ChangeList changes={templateChanges} />
            </details>
          )}
        </div>
      )}
      {view === "bpmn" ? (
        <BpmnModeler xml={xml} onReady={onReady} onChanged={onChanged} onImportError={setImportError} />
      ) : (
        <Suspense fallback={<Spinner />}>
          <StepEditor
            key={stepKey}
            xml={xml}
            forms={baseForms}
            focus={stepFocus}
            onChange={(next) => {
              setXml(next);
              noteEdit(true);
              void revalidateXml(next);
            }}
          />
        </Suspense>
      )}
      <ProblemsList
        problems={problems}
        onSelect={(id) => (view === "bpmn" ? selectElement(id) : setStepFocus((f) => ({ id, n: (f?.n ?? 0) + 1 })))}
      />
      <StandardEditor
        open={standardForm !== null}
        initial={standardForm ?? EMPTY_STANDARD}
        checkCompletion={checkCompletion}
        onCancel={() => setStandardForm(null)}
        onApply={(form) => void applyStandard(form)}
      />
      <PublishDialog
        open={publishOpen}
        busy={deploy.isPending}
        proposed={proposed}
        onCancel={() => setPublishOpen(false)}
        onConfirm={(publishInput) => deploy.mutate({ publish: true, publishInput })}
      />
    </>
  );
}

/** Whether the open model has unsaved edits, in the toolbar. */
function SaveState({ dirty, autosaving, known }: { dirty: boolean; autosaving: boolean; known: boolean }) {
  const { t } = useTranslation();
  if (autosaving)
    return (
      <span className="badge" data-testid="save-state" data-dirty="true">
        {t("designer.autosaving")}
      </span>
    );
  if (dirty)
    return (
      <span className="badge badge-overdue" data-testid="save-state" data-dirty="true">
        ● {t("designer.unsaved")}
      </span>
    );
  if (!known) return null;
  return (
    <span className="badge badge-ok" data-testid="save-state" data-dirty="false">
      {t("designer.saved")}
    </span>
  );
}
