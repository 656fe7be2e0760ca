/**
 * The form-js editor in a large modal dialog, with a preview of the form as staff will see it.
 * Loaded on demand only (it brings the editor, its properties panel and CodeMirror), so neither the
 * designer's first paint nor the workspace pays for it. One FormEditor per mount, destroyed on close.
 */
import "@bpmn-io/form-js/dist/assets/form-js.css";
import "@bpmn-io/form-js/dist/assets/form-js-editor.css";
import "@bpmn-io/properties-panel/dist/assets/properties-panel.css";
import "./form-editor-dialog.css";
import "./form-js-reset.css";
import { checkFormSchema, type FormSchemaProblem } from "@alur/shared/forms";
import { FormEditor } from "@bpmn-io/form-js";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { i18n as appI18n } from "../../i18n";
import { formJsLookup, observeFormJsText, translatedFormFieldsModule } from "./form-js-translate";
import { FormViewer } from "./form-viewer";

type Tab = "edit" | "preview";

const noop = () => {};

export function FormEditorDialog({
  taskName,
  schema,
  note,
  onSave,
  onCancel,
}: {
  taskName: string;
  /** The form to start from (form-js schema). */
  schema: unknown;
  /** Where the form came from, shown above the editor. */
  note?: string;
  onSave: (schema: unknown) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor | null>(null);
  const editorTexts = useRef<ReturnType<typeof observeFormJsText> | null>(null);
  const initial = useRef(schema);
  const [tab, setTab] = useState<Tab>("edit");
  const [preview, setPreview] = useState<unknown>(null);
  const [problems, setProblems] = useState<FormSchemaProblem[]>([]);
  const [importFailed, setImportFailed] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // closing (not just removing) the modal gives focus back to the button that opened it
    return () => d?.close();
  }, []);

  useEffect(() => {
    if (!container.current) return;
    const lookup = formJsLookup(appI18n.language);
    // before the editor renders, so its first paint is already translated
    editorTexts.current = observeFormJsText(container.current, lookup);
    const instance = new FormEditor({
      container: container.current,
      exporter: { name: "Alur", version: "0.1.0" },
      additionalModules: [translatedFormFieldsModule((text) => lookup(text) ?? text)],
    });
    editor.current = instance;
    let disposed = false;
    // a fixed problem disappears as soon as the form changes, not only on the next save
    instance.on("changed", () => setProblems([]));
    instance.importSchema(initial.current as Parameters<typeof instance.importSchema>[0]).catch((error: unknown) => {
      console.warn("form import failed", error);
      if (!disposed) setImportFailed(true);
    });
    return () => {
      disposed = true;
      editor.current = null;
      editorTexts.current?.disconnect();
      editorTexts.current = null;
      instance.destroy();
    };
  }, []);

  // the editor keeps its undo history across a language change: only its text is re-translated
  const language = i18n.language;
  useEffect(() => {
    editorTexts.current?.update(formJsLookup(language));
  }, [language]);

  const current = () => editor.current?.saveSchema();

  const showTab = (next: Tab) => {
    if (next === "preview") setPreview(current() ?? null);
    setTab(next);
  };

  const save = () => {
    const out = current();
    const found = checkFormSchema(out);
    setProblems(found);
    if (found.length === 0) onSave(out);
  };

  const text = (p: FormSchemaProblem) => (i18n.language === "en" ? p.message.en : p.message.id);

  return (
    <dialog
      ref={dialog}
      className="dialog form-editor-dialog"
      aria-labelledby="form-editor-title"
      data-testid="form-editor-dialog"
      onCancel={(event) => {
        // Escape also closes form-js' own popups; leaving needs the Cancel button
        event.preventDefault();
      }}
    >
      <header className="form-editor-head">
        <h2 id="form-editor-title">{t("formEditor.title", { task: taskName })}</h2>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === "edit"} onClick={() => showTab("edit")}>
            {t("formEditor.edit")}
          </button>
          <button type="button" role="tab" aria-selected={tab === "preview"} onClick={() => showTab("preview")}>
            {t("formEditor.preview")}
          </button>
        </div>
        <div className="form-editor-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="button" className="btn btn-primary" onClick={save} disabled={importFailed}>
            {t("formEditor.save")}
          </button>
        </div>
      </header>
      {note && <p className="alert alert-info">{note}</p>}
      {importFailed && <p className="alert alert-error">{t("formEditor.importFailed")}</p>}
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="form-editor-problems">
          <span>{t("formEditor.invalid")}</span>
          <ul>
            {problems.map((p) => (
              <li key={`${p.code}:${p.message.en}`}>{text(p)}</li>
            ))}
          </ul>
        </div>
      )}
      <div ref={container} className="form-editor-canvas" hidden={tab !== "edit"} />
      {tab === "preview" && (
        <div className="form-editor-preview" data-testid="form-editor-preview">
          <FormViewer schema={preview} initialData={{}} onChange={noop} onReady={noop} />
        </div>
      )}
    </dialog>
  );
}
