/**
 * A start form of plain fields (see `simple-form.ts`) as plain HTML inputs, for the public
 * application page. `onReady` hands out the same validate-and-read function as form-js' viewer;
 * it checks with the server's rules and marks each refused field in the user's language.
 */
import { type FormError, validateFormData } from "@alur/shared/forms/validate";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormSubmitResult } from "../forms/form-viewer";
import { initialValues, type SimpleField, submission, textBlocks } from "./simple-form";

export function SimpleFormView({
  schema,
  fields,
  onReady,
}: {
  schema: unknown;
  fields: SimpleField[];
  onReady: (submit: () => FormSubmitResult) => void;
}) {
  const { i18n } = useTranslation();
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const current = useRef(values);
  current.current = values;
  const root = useRef<HTMLDivElement>(null);
  const set = (path: string, value: unknown) => {
    setValues((v) => ({ ...v, [path]: value }));
    setErrors(({ [path]: _, ...rest }) => rest);
  };
  const language = i18n.language;
  const ready = useRef(onReady);
  // once: the form's fields do not change while it is shown
  useEffect(() => {
    ready.current(() => {
      const data = submission(fields, current.current);
      const result = validateFormData(schema, data);
      if (result.ok) {
        setErrors({});
        return { data: result.data, errors: {} };
      }
      const shown = messagesOf(result.errors, i18n.language.startsWith("en") ? "en" : "id");
      setErrors(shown);
      // the first refused field, where the applicant can fix it
      const first = Object.keys(shown)[0];
      if (first) root.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`)?.focus();
      return { data, errors: shown };
    });
  }, [fields, schema, i18n]);
  return (
    <div className="simple-form" ref={root} lang={language}>
      {fields.map((f) => (
        <FieldView key={f.at} field={f} values={values} errors={errors} set={set} />
      ))}
    </div>
  );
}

function messagesOf(errors: FormError[], language: "id" | "en"): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const e of errors) shown[e.path] ??= e.message[language];
  return shown;
}

interface FieldProps {
  field: SimpleField;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  set: (path: string, value: unknown) => void;
}

function FieldView({ field, values, errors, set }: FieldProps) {
  const id = useId();
  const error = errors[field.path];
  const value = values[field.path];
  const described = [field.description ? `${id}-d` : "", error ? `${id}-e` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    "data-path": field.path,
    disabled: field.readonly,
    "aria-required": field.required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described || undefined,
  };
  const after = (
    <>
      {field.description && (
        <span id={`${id}-d`} className="muted">
          {field.description}
        </span>
      )}
      {error && (
        <span id={`${id}-e`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
  const label = (
    <>
      {field.label}
      {field.required && <span aria-hidden="true"> *</span>}
    </>
  );
  switch (field.type) {
    case "group":
      return (
        <fieldset className="simple-form-group">
          {field.label && <legend>{field.label}</legend>}
          {field.components.map((f) => (
            <FieldView key={f.at} field={f} values={values} errors={errors} set={set} />
          ))}
        </fieldset>
      );
    case "text":
      return <TextBlock text={field.text} />;
    case "separator":
      return <hr />;
    case "spacer":
      return <div className="simple-form-spacer" />;
    case "textarea":
      return (
        <Labelled id={id} label={label} after={after}>
          <textarea
            {...common}
            rows={3}
            maxLength={field.validate.maxLength}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => set(field.path, e.target.value)}
          />
        </Labelled>
      );
    case "number":
      return (
        <Labelled id={id} label={label} after={after}>
          <input
            {...common}
            type="number"
            inputMode="decimal"
            min={field.validate.min}
            max={field.validate.max}
            value={typeof value === "number" ? value : typeof value === "string" ? value : ""}
            onChange={(e) => set(field.path, e.target.value === "" ? undefined : e.target.valueAsNumber)}
          />
        </Labelled>
      );
    case "datetime":
      return (
        <Labelled id={id} label={label} after={after}>
          <input
            {...common}
            type="date"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => set(field.path, e.target.value || undefined)}
          />
        </Labelled>
      );
    case "checkbox":
      return (
        <div className="simple-form-check">
          <label htmlFor={id}>
            <input
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={(e) => set(field.path, e.target.checked)}
            />
            {label}
          </label>
          {after}
        </div>
      );
    case "select":
      return (
        <Labelled id={id} label={label} after={after}>
          <select
            {...common}
            value={String(field.options.findIndex((o) => o.value === value))}
            onChange={(e) => set(field.path, field.options[Number(e.target.value)]?.value)}
          >
            <option value="-1">—</option>
            {field.options.map((o, i) => (
              <option key={String(i)} value={String(i)}>
                {o.label}
              </option>
            ))}
          </select>
        </Labelled>
      );
    case "radio":
    case "checklist": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset
          className="simple-form-choices"
          data-path={field.path}
          tabIndex={-1}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
        >
          <legend>{label}</legend>
          {field.type === "radio"
            ? field.options.map((o, i) => (
                <label key={String(i)} className="simple-form-check">
                  <input
                    type="radio"
                    name={id}
                    disabled={field.readonly}
                    checked={value === o.value}
                    onChange={() => set(field.path, o.value)}
                  />
                  {o.label}
                </label>
              ))
            : field.options.map((o, i) => (
                <label key={String(i)} className="simple-form-check">
                  <input
                    type="checkbox"
                    disabled={field.readonly}
                    checked={chosen.includes(o.value)}
                    onChange={(e) =>
                      set(
                        field.path,
                        e.target.checked ? [...chosen, o.value] : chosen.filter((c: unknown) => c !== o.value),
                      )
                    }
                  />
                  {o.label}
                </label>
              ))}
          {after}
        </fieldset>
      );
    }
    default:
      return (
        <Labelled id={id} label={label} after={after}>
          <input
            {...common}
            type={
              field.validate.validationType === "email"
                ? "email"
                : field.validate.validationType === "phone"
                  ? "tel"
                  : "text"
            }
            maxLength={field.validate.maxLength}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => set(field.path, e.target.value)}
          />
        </Labelled>
      );
  }
}

function Labelled({
  id,
  label,
  after,
  children,
}: {
  id: string;
  label: ReactNode;
  after: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="simple-form-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {after}
    </div>
  );
}

function TextBlock({ text }: { text: string }) {
  return (
    <div className="simple-form-text">
      {textBlocks(text).map((b, i) =>
        b.kind === "list" ? (
          <ul key={String(i)}>
            {b.items.map((item, j) => (
              <li key={String(j)}>
                <Bold text={item} />
              </li>
            ))}
          </ul>
        ) : b.kind === "heading" ? (
          <h3 key={String(i)}>
            <Bold text={b.text} />
          </h3>
        ) : (
          <p key={String(i)}>
            <Bold text={b.text} />
          </p>
        ),
      )}
    </div>
  );
}

/** `**bold**` as strong; the rest as text (React escapes it). */
function Bold({ text }: { text: string }) {
  const parts = text.split(/\*\*(.+?)\*\*/g);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <strong key={String(i)}>{p}</strong> : p))}</>;
}
