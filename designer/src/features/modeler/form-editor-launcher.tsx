/**
 * Opens the form editor for a user task (from the properties panel) and writes the saved form into
 * the model as one command, so Ctrl-Z undoes it and the draft counts as changed. The dialog lives in
 * a React root of its own, beside the bpmn-js DOM, and its code is fetched only when first opened.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { embeddingIdFor, embedFormChanges, readTaskForm } from "../forms/embedded-form";
import { fetchVersionForm } from "../forms/server-forms";
import type { Bo, ModdleLike } from "./model-access";

const FormEditorDialog = lazy(async () => ({
  default: (await import("../forms/form-editor-dialog")).FormEditorDialog,
}));

type Element = { id: string; businessObject: Bo };
type Start = { schema: unknown; note?: string };

/** What a new form starts as; the editor refuses to save it until it has a component. */
function blankForm(taskId: string): unknown {
  return { type: "default", id: `Form_${taskId}`, components: [] };
}

function FormEditorHost({
  element,
  onSave,
  onClose,
}: {
  element: Element;
  onSave: (schema: unknown) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [start, setStart] = useState<Start | null>(null);

  useEffect(() => {
    let live = true;
    const ref = readTaskForm(element.businessObject);
    const blank = blankForm(element.id);
    if (ref.kind === "none") setStart({ schema: blank });
    else if (ref.kind === "embedded") {
      setStart(
        ref.schema === undefined
          ? { schema: blank, note: t("formEditor.unreadable", { id: ref.id }) }
          : { schema: ref.schema },
      );
    } else {
      const id = ref.formId;
      fetchVersionForm(id)
        .then((schema) => {
          if (!live) return;
          setStart(
            schema === undefined
              ? { schema: blank, note: t("formEditor.notFound", { id }) }
              : { schema, note: t("formEditor.fromServer", { id }) },
          );
        })
        .catch(() => {
          if (live) setStart({ schema: blank, note: t("formEditor.loadFailed", { id }) });
        });
    }
    return () => {
      live = false;
    };
  }, [element, t]);

  const name = String(element.businessObject.name ?? element.id);
  const loading = (
    <p className="alert alert-info form-editor-loading" role="status">
      {t("formEditor.loading")}
    </p>
  );
  if (!start) return loading;
  return (
    <Suspense fallback={loading}>
      <FormEditorDialog taskName={name} schema={start.schema} note={start.note} onSave={onSave} onCancel={onClose} />
    </Suspense>
  );
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}
interface EventBus {
  on(event: string, callback: () => void): void;
}

/** The didi service behind the panel's "Create form" / "Edit form" button. */
export class AlurFormEditor {
  static $inject = ["commandStack", "bpmnFactory", "eventBus"];
  private root: Root | null = null;
  private host: HTMLElement | null = null;

  constructor(
    private readonly commandStack: CommandStack,
    private readonly bpmnFactory: ModdleLike,
    eventBus: EventBus,
  ) {
    eventBus.on("diagram.destroy", () => this.close());
  }

  /** Opens the editor on the task's form (embedded, deployed beside the model, or a new one). */
  open(element: Element): void {
    this.close();
    const host = document.createElement("div");
    document.body.append(host);
    const root = createRoot(host);
    this.host = host;
    this.root = root;
    root.render(
      <FormEditorHost
        element={element}
        onSave={(schema) => {
          this.embed(element, schema);
          this.closeLater();
        }}
        onClose={() => this.closeLater()}
      />,
    );
  }

  /** Embeds `schema` as the task's form: one undoable command. */
  embed(element: Element, schema: unknown): void {
    const task = element.businessObject;
    const changes = embedFormChanges(this.bpmnFactory, task, embeddingIdFor(task), schema);
    this.commandStack.execute(
      "properties-panel.multi-command-executor",
      changes.map(({ target, properties }) => ({
        cmd: "element.updateModdleProperties",
        context: { element, moddleElement: target, properties },
      })),
    );
  }

  close(): void {
    this.root?.unmount();
    this.host?.remove();
    this.root = null;
    this.host = null;
  }

  // a root must not unmount itself from inside one of its own event handlers
  private closeLater(): void {
    const root = this.root;
    setTimeout(() => {
      if (this.root === root) this.close();
    }, 0);
  }
}

/** The didi module providing `alurFormEditor`. */
export const alurFormEditorModule = { alurFormEditor: ["type", AlurFormEditor] };
