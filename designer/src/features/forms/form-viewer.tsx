/**
 * form-js viewer for a task form. One Form per mount; typed values are reported out on every change
 * so a rejected completion never loses them (the viewer is never re-imported while mounted).
 * `readOnly` shows what a completed step's form held, as its officer saw it, without inputs.
 */

import { editableSubmission } from "@alur/shared/forms/validate";
import { Form } from "@bpmn-io/form-js";
import "@bpmn-io/form-js/dist/assets/form-js.css";
import "./form-js-reset.css";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { i18n } from "../../i18n";
import { localizeDatePicker } from "./date-picker-locale";
import { translateValidator } from "./form-errors";
import { formJsLookup, isViewerChrome, observeFormJsText } from "./form-js-translate";

const ignore = () => {};

export type FormSubmitResult = { data: Record<string, unknown>; errors: Record<string, unknown> };

export function FormViewer({
  schema,
  initialData,
  onChange = ignore,
  onReady = ignore,
  readOnly = false,
}: {
  schema: unknown;
  initialData: Record<string, unknown>;
  onChange?: (data: Record<string, unknown>) => void;
  /** Hands out a validate-and-read function for the Complete button. */
  onReady?: (submit: () => FormSubmitResult) => void;
  readOnly?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  // the first values only: later changes live in the form itself
  const initial = useRef(initialData);
  const callbacks = useRef({ onChange, onReady });
  callbacks.current = { onChange, onReady };
  const texts = useRef<ReturnType<typeof observeFormJsText> | null>(null);
  const language = useTranslation().i18n.language;

  useEffect(() => {
    if (!container.current) return;
    // before the form renders, so its first paint is already in the user's language
    localizeDatePicker(i18n.language);
    texts.current = observeFormJsText(container.current, formJsLookup(i18n.language, "formJsViewer"), isViewerChrome);
    const form = new Form({ container: container.current, ...(readOnly ? { properties: { readOnly: true } } : {}) });
    // form-js has no translation hook: its validation messages go through ours (current language)
    translateValidator(form.get("validator"), (key, values) => i18n.t(key, values));
    let disposed = false;
    form.on("changed", (event: { data: Record<string, unknown> }) => callbacks.current.onChange(event.data));
    form
      .importSchema(schema as Parameters<typeof form.importSchema>[0], initial.current)
      .then(() => {
        if (!disposed)
          callbacks.current.onReady(() => {
            const result = form.submit() as FormSubmitResult;
            // form-js also submits read-only fields, which the runtime refuses: only editable ones go
            return { ...result, data: editableSubmission(schema, result.data) };
          });
      })
      .catch((error: unknown) => console.warn("form import failed", error));
    return () => {
      disposed = true;
      texts.current?.disconnect();
      texts.current = null;
      form.destroy();
    };
  }, [schema, readOnly]);

  // what was typed stays: only the form's own text and its calendars follow a language switch
  useEffect(() => {
    localizeDatePicker(language, container.current ?? undefined);
    texts.current?.update(formJsLookup(language, "formJsViewer"));
  }, [language]);

  return <div ref={container} className={readOnly ? "form-viewer form-viewer-read-only" : "form-viewer"} />;
}
