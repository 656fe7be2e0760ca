/**
 * form-js viewer for a task form. One Form per mount; typed values are reported out on every change
 * so a rejected completion never loses them (the viewer is never re-imported while mounted).
 */
import { Form } from "@bpmn-io/form-js";
import "@bpmn-io/form-js/dist/assets/form-js.css";
import "./form-js-reset.css";
import { useEffect, useRef } from "react";
import { i18n } from "../../i18n";
import { translateValidator } from "./form-errors";

export type FormSubmitResult = { data: Record<string, unknown>; errors: Record<string, unknown> };

export function FormViewer({
  schema,
  initialData,
  onChange,
  onReady,
}: {
  schema: unknown;
  initialData: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  /** Hands out a validate-and-read function for the Complete button. */
  onReady: (submit: () => FormSubmitResult) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  // the first values only: later changes live in the form itself
  const initial = useRef(initialData);
  const callbacks = useRef({ onChange, onReady });
  callbacks.current = { onChange, onReady };

  useEffect(() => {
    if (!container.current) return;
    const form = new Form({ container: container.current });
    // form-js has no translation hook: its validation messages go through ours (current language)
    translateValidator(form.get("validator"), (key, values) => i18n.t(key, values));
    let disposed = false;
    form.on("changed", (event: { data: Record<string, unknown> }) => callbacks.current.onChange(event.data));
    form
      .importSchema(schema as Parameters<typeof form.importSchema>[0], initial.current)
      .then(() => {
        if (!disposed) callbacks.current.onReady(() => form.submit() as FormSubmitResult);
      })
      .catch((error: unknown) => console.warn("form import failed", error));
    return () => {
      disposed = true;
      form.destroy();
    };
  }, [schema]);

  return <div ref={container} className="form-viewer" />;
}
