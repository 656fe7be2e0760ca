/**
 * The service standard's 14 components as a form (Permenpan RB 15/2014): legal bases and
 * requirements as rows to add, move and remove, the completion time with its unit, the fee in
 * Rupiah, the prose components as text areas. Each field is checked as it is typed (shared
 * schemas, messages in the user's language), and the completion time against the model's
 * longest path as it is typed. Applying writes the model in one undoable command.
 */
import type { CompletionShortfall } from "@alur/shared/compiler";
import { DurationUnit, LEGAL_BASIS_KINDS, PROSE_COMPONENTS, type ServiceStandard } from "@alur/shared/schemas";
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ChannelRow,
  checkStandardForm,
  completionWording,
  DEFAULT_FILE_TYPES,
  declaredCompletion,
  FILE_TYPES,
  formatRupiah,
  type LegalBasisRow,
  type ProductRow,
  parseRupiah,
  type RequirementRow,
  rowKey,
  type StandardForm,
  wordingOutdated,
} from "./standard-form";
import "./standard-editor.css";

/** Who commonly provides a requirement (a model may name others). */
const PROVIDERS = ["applicant", "village", "district", "hospital", "police", "court", "lks"] as const;

export function StandardEditor({
  open,
  initial,
  checkCompletion,
  onCancel,
  onApply,
}: {
  open: boolean;
  /** The form as read from the model each time the editor opens. */
  initial: StandardForm;
  /** The longest path's shortfall against a declared completion time (null: it fits). */
  checkCompletion: (completion: NonNullable<ServiceStandard["completionTime"]>) => CompletionShortfall | null;
  onCancel: () => void;
  onApply: (form: StandardForm) => void;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const base = useId();
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setForm(initial);
      setTouched(new Set());
      setSubmitted(false);
      dialog.showModal();
      // the dialog stays mounted: each opening starts at the first component
      dialog.querySelector(".standard-editor-body")?.scrollTo({ top: 0 });
    }
    if (!open && dialog.open) dialog.close();
  }, [open, initial]);

  const errors = useMemo(() => checkStandardForm(form), [form]);
  const declared = useMemo(() => declaredCompletion(form), [form]);
  const shortfall = useMemo(() => (declared ? checkCompletion(declared) : null), [declared, checkCompletion]);
  const touch = (path: string) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path)));
  const update = (next: Partial<StandardForm>) => setForm((f) => ({ ...f, ...next }));
  const unit = (u: string) => t(`unit.${u}`);

  /** The input props and error line of the field at `path`. */
  const field = (path: string) => {
    const error = touched.has(path) || submitted ? errors[path] : undefined;
    const id = `${base}-${path.replace(/\./g, "-")}`;
    return {
      props: {
        id,
        name: path,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
        onBlur: () => touch(path),
      },
      error: error && (
        <span className="field-error" id={`${id}-error`} data-testid="field-error">
          {t(error.key, error.values)}
        </span>
      ),
    };
  };

  /** A labelled text-like input bound to a string of the form. */
  const input = (
    path: string,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: Record<string, unknown> = {},
    hint?: ReactNode,
  ) => {
    const f = field(path);
    return (
      <div className="field">
        <label htmlFor={f.props.id}>{label}</label>
        <input
          {...f.props}
          {...extra}
          value={value}
          onChange={(e) => {
            touch(path);
            set(e.target.value);
          }}
        />
        {hint}
        {f.error}
      </div>
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(errors).length > 0) {
      setSubmitted(true);
      // the first problem is where the admin goes next
      requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onApply(form);
  };

  const dayWords = (iso: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(new Date(`${iso}T00:00:00`).getTime())
      ? new Date(`${iso}T00:00:00`).toLocaleDateString(i18n.language === "en" ? "en-GB" : "id-ID", {
          dateStyle: "long",
        })
      : null;
  const dateHint = (iso: string) => {
    const words = dayWords(iso);
    return words ? <span className="muted field-hint">{words}</span> : null;
  };

  const c = form.completion;
  const completionNumbers = [c.value, c.maxValue];
  const completionStale = !errors["completion.value"] && wordingOutdated(c.text, completionNumbers);
  const fee = form.fee;
  const amount = parseRupiah(fee.amount);
  const feeStale = amount !== undefined && amount > 0 && wordingOutdated(fee.text, [String(amount)]);
  const count = Object.keys(errors).length;

  return (
    <dialog ref={ref} className="dialog standard-editor" onCancel={onCancel} aria-labelledby={`${base}-title`}>
      <form onSubmit={submit} noValidate>
        <header className="standard-editor-head">
          <h2 id={`${base}-title`}>{t("standardEditor.title")}</h2>
          <p className="muted">{t("standardEditor.intro")}</p>
        </header>
        <div className="standard-editor-body">
          <fieldset className="std-section">
            <legend>{t("standardEditor.identity")}</legend>
            <div className="std-grid">
              {input("code", t("standardEditor.code"), form.code, (code) => update({ code }))}
              {input("name", t("standardEditor.name"), form.name, (name) => update({ name }))}
              {input("office", t("standardEditor.office"), form.office, (office) => update({ office }))}
              {input(
                "validFrom",
                t("standardEditor.validFrom"),
                form.validFrom,
                (validFrom) => update({ validFrom }),
                { type: "date", min: "1945-01-01", max: "2100-12-31" },
                dateHint(form.validFrom),
              )}
              {input(
                "validUntil",
                t("standardEditor.validUntil"),
                form.validUntil,
                (validUntil) => update({ validUntil }),
                { type: "date", min: "1945-01-01", max: "2100-12-31" },
                dateHint(form.validUntil),
              )}
            </div>
          </fieldset>

          <Rows<LegalBasisRow>
            testId="std-legal-bases"
            legend={`1. ${t("component.legalBasis")}`}
            addLabel={t("standardEditor.addLegalBasis")}
            rows={form.legalBases}
            onChange={(legalBases) => update({ legalBases })}
            make={() => ({ key: rowKey(), kind: "Perbup", number: "", year: "", title: "", link: "", date: "" })}
            describe={(row) => [row.kind, row.number && `No. ${row.number}`, row.year].filter(Boolean).join(" ")}
            render={(row, i, set) => {
              const kinds =
                (LEGAL_BASIS_KINDS as readonly string[]).includes(row.kind) || !row.kind
                  ? LEGAL_BASIS_KINDS
                  : [row.kind, ...LEGAL_BASIS_KINDS];
              const kind = field(`legalBases.${i}.kind`);
              return (
                <div className="std-grid">
                  <div className="field">
                    <label htmlFor={kind.props.id}>{t("publish.kind")}</label>
                    <select {...kind.props} value={row.kind} onChange={(e) => set({ kind: e.target.value })}>
                      {kinds.map((k) => (
                        <option key={k}>{k}</option>
                      ))}
                    </select>
                    {kind.error}
                  </div>
                  {input(`legalBases.${i}.number`, t("publish.number"), row.number, (number) => set({ number }), {
                    placeholder: t("legalBasis.numberHint"),
                  })}
                  {input(`legalBases.${i}.year`, t("publish.year"), row.year, (year) => set({ year }), {
                    inputMode: "numeric",
                    maxLength: 4,
                    placeholder: "2024",
                  })}
                  {input(
                    `legalBases.${i}.date`,
                    t("standardEditor.enactedOn"),
                    row.date,
                    (date) => set({ date }),
                    { type: "date", min: "1945-01-01", max: "2100-12-31" },
                    dateHint(row.date),
                  )}
                  <div className="std-wide">
                    {input(`legalBases.${i}.title`, t("publish.legalTitle"), row.title, (title) => set({ title }), {
                      placeholder: t("legalBasis.titleHint"),
                    })}
                  </div>
                  <div className="std-wide">
                    {input(`legalBases.${i}.link`, t("legalBasis.link"), row.link, (link) => set({ link }), {
                      type: "url",
                      placeholder: "https://jdih…",
                    })}
                  </div>
                </div>
              );
            }}
          />

          <Rows<RequirementRow>
            testId="std-requirements"
            legend={`2. ${t("component.requirements")}`}
            addLabel={t("standardEditor.addRequirement")}
            rows={form.requirements}
            onChange={(requirements) => update({ requirements })}
            make={(rows) => ({
              key: rowKey(),
              id: nextRequirementId(rows),
              name: "",
              mandatory: true,
              providedBy: "applicant",
              fileTypes: null,
              maxSizeMb: "",
              note: "",
            })}
            describe={(row) => row.name}
            render={(row, i, set) => {
              const types = row.fileTypes ?? DEFAULT_FILE_TYPES;
              const offered = [...FILE_TYPES, ...types.filter((x) => !(FILE_TYPES as readonly string[]).includes(x))];
              const fileTypes = field(`requirements.${i}.fileTypes`);
              const provider = field(`requirements.${i}.providedBy`);
              return (
                <div className="std-grid">
                  <div className="std-wide">
                    {input(`requirements.${i}.name`, t("standardEditor.requirementName"), row.name, (name) =>
                      set({ name }),
                    )}
                  </div>
                  {input(
                    `requirements.${i}.id`,
                    t("standardEditor.requirementId"),
                    row.id,
                    (id) => set({ id }),
                    {},
                    <span className="muted field-hint">{t("standardEditor.requirementIdHint")}</span>,
                  )}
                  <div className="field">
                    <label htmlFor={provider.props.id}>{t("standardEditor.providedBy")}</label>
                    <select
                      {...provider.props}
                      value={row.providedBy}
                      onChange={(e) => set({ providedBy: e.target.value })}
                    >
                      <option value="">—</option>
                      {[
                        ...PROVIDERS,
                        ...(row.providedBy && !(PROVIDERS as readonly string[]).includes(row.providedBy)
                          ? [row.providedBy]
                          : []),
                      ].map((p) => (
                        <option key={p} value={p}>
                          {t(`standardEditor.provider.${p}`, { defaultValue: p })}
                        </option>
                      ))}
                    </select>
                  </div>
                  <label className="std-check">
                    <input
                      type="checkbox"
                      checked={row.mandatory}
                      onChange={(e) => set({ mandatory: e.target.checked })}
                    />{" "}
                    {t("standardEditor.mandatory")}
                  </label>
                  {input(
                    `requirements.${i}.maxSizeMb`,
                    t("standardEditor.maxSize"),
                    row.maxSizeMb,
                    (maxSizeMb) => set({ maxSizeMb }),
                    { inputMode: "decimal", placeholder: "5" },
                  )}
                  <fieldset
                    className="std-wide std-file-types"
                    aria-invalid={fileTypes.props["aria-invalid"]}
                    aria-describedby={fileTypes.props["aria-describedby"]}
                    id={fileTypes.props.id}
                  >
                    <legend>
                      {t("standardEditor.fileTypes")}
                      {row.fileTypes === null && <span className="muted"> {t("standardEditor.fileTypesDefault")}</span>}
                    </legend>
                    {offered.map((type) => (
                      <label key={type} className="std-chip">
                        <input
                          type="checkbox"
                          checked={types.includes(type)}
                          onChange={(e) => {
                            touch(`requirements.${i}.fileTypes`);
                            const next = e.target.checked ? [...types, type] : types.filter((x) => x !== type);
                            set({ fileTypes: offered.filter((x) => next.includes(x)) });
                          }}
                        />{" "}
                        {type.toUpperCase()}
                      </label>
                    ))}
                    {fileTypes.error}
                  </fieldset>
                </div>
              );
            }}
          />

          <fieldset className="std-section">
            <legend>3. {t("component.procedure")}</legend>
            <p className="muted">{t("standardEditor.procedureNote")}</p>
          </fieldset>

          <fieldset className="std-section" data-testid="std-completion">
            <legend>4. {t("component.completionTime")}</legend>
            <div className="std-grid">
              {input(
                "completion.value",
                t("standardEditor.completionValue"),
                c.value,
                (value) => update({ completion: { ...c, value } }),
                { inputMode: "decimal" },
              )}
              {input(
                "completion.maxValue",
                t("standardEditor.completionMax"),
                c.maxValue,
                (maxValue) => update({ completion: { ...c, maxValue } }),
                { inputMode: "decimal" },
              )}
              <div className="field">
                {(() => {
                  const f = field("completion.unit");
                  return (
                    <>
                      <label htmlFor={f.props.id}>{t("standardEditor.unit")}</label>
                      <select
                        {...f.props}
                        value={c.unit}
                        onChange={(e) => {
                          touch("completion.unit");
                          update({ completion: { ...c, unit: e.target.value } });
                        }}
                      >
                        <option value="">—</option>
                        {DurationUnit.options.map((u) => (
                          <option key={u} value={u}>
                            {unit(u)}
                          </option>
                        ))}
                      </select>
                      {f.error}
                    </>
                  );
                })()}
              </div>
              {input(
                "completion.officeStart",
                t("standardEditor.officeStart"),
                c.officeStart,
                (officeStart) => update({ completion: { ...c, officeStart } }),
                { type: "time" },
              )}
              {input(
                "completion.officeEnd",
                t("standardEditor.officeEnd"),
                c.officeEnd,
                (officeEnd) => update({ completion: { ...c, officeEnd } }),
                { type: "time" },
              )}
              <div className="field std-wide">
                <label htmlFor={`${base}-completion-text`}>{t("standardEditor.wording")}</label>
                <textarea
                  id={`${base}-completion-text`}
                  rows={2}
                  value={c.text}
                  onChange={(e) => update({ completion: { ...c, text: e.target.value } })}
                />
                <span className="muted field-hint">{t("standardEditor.wordingHint")}</span>
                {completionStale && (
                  <span className="std-stale" data-testid="completion-wording-stale">
                    {t("standardEditor.wordingStale")}{" "}
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => update({ completion: { ...c, text: completionWording(form, unit) } })}
                    >
                      {t("standardEditor.rewrite")}
                    </button>
                  </span>
                )}
              </div>
            </div>
            {shortfall ? (
              <div className="alert alert-warn" role="status" data-testid="sla-warning">
                <strong>{t("standardEditor.slaTitle")}</strong>
                <p>{i18n.language === "en" ? shortfall.message.en : shortfall.message.id}</p>
                <ol className="std-sla-steps">
                  {shortfall.steps.map((s) => (
                    <li key={s.id}>
                      {s.name} — {s.sla.value} {unit(s.sla.unit)}
                    </li>
                  ))}
                </ol>
              </div>
            ) : (
              declared && (
                <p className="muted" role="status" data-testid="sla-ok">
                  {t("standardEditor.slaOk")}
                </p>
              )
            )}
          </fieldset>

          <fieldset className="std-section" data-testid="std-fee">
            <legend>5. {t("component.fee")}</legend>
            <div className="std-radios" role="radiogroup" aria-label={t("component.fee")}>
              <label>
                <input
                  type="radio"
                  name={`${base}-fee`}
                  checked={fee.amount.trim() !== "" && !fee.paid}
                  onChange={() => update({ fee: { ...fee, amount: "0", basis: "", paid: false } })}
                />{" "}
                {t("standardEditor.free")}
              </label>
              <label>
                <input
                  type="radio"
                  name={`${base}-fee`}
                  checked={fee.paid}
                  onChange={() => update({ fee: { ...fee, amount: amount ? fee.amount : "", paid: true } })}
                />{" "}
                {t("standardEditor.paid")}
              </label>
            </div>
            {fee.paid && (
              <div className="std-grid">
                {input(
                  "fee.amount",
                  t("standardEditor.amount"),
                  fee.amount,
                  (value) => update({ fee: { ...fee, amount: value } }),
                  {
                    inputMode: "numeric",
                    placeholder: "50.000",
                    onBlur: () => {
                      touch("fee.amount");
                      const n = parseRupiah(fee.amount);
                      if (n !== undefined && n > 0) update({ fee: { ...fee, amount: formatRupiah(n) } });
                    },
                  },
                  amount !== undefined && amount > 0 ? (
                    <span className="muted field-hint">Rp {formatRupiah(amount)}</span>
                  ) : null,
                )}
                <div className="std-wide">
                  {input(
                    "fee.basis",
                    t("standardEditor.feeBasis"),
                    fee.basis,
                    (basis) => update({ fee: { ...fee, basis } }),
                    { placeholder: t("standardEditor.feeBasisHint") },
                  )}
                </div>
              </div>
            )}
            <div className="field">
              <label htmlFor={`${base}-fee-text`}>{t("standardEditor.wording")}</label>
              <input
                id={`${base}-fee-text`}
                value={fee.text}
                onChange={(e) => update({ fee: { ...fee, text: e.target.value } })}
              />
              {feeStale && <span className="std-stale">{t("standardEditor.wordingStale")}</span>}
            </div>
          </fieldset>

          <Rows<ProductRow>
            testId="std-products"
            legend={`6. ${t("component.products")}`}
            addLabel={t("standardEditor.addProduct")}
            rows={form.products}
            onChange={(products) => update({ products })}
            make={() => ({ key: rowKey(), name: "", text: "" })}
            describe={(row) => row.name}
            render={(row, i, set) =>
              input(`products.${i}.name`, t("standardEditor.productName"), row.name, (name) => set({ name }))
            }
          />

          <fieldset className="std-section">
            <legend>7. {t("component.complaints")}</legend>
            <div className="field">
              <label htmlFor={`${base}-complaints-text`}>{t("standardEditor.complaintsText")}</label>
              <textarea
                id={`${base}-complaints-text`}
                rows={2}
                value={form.complaints.text}
                onChange={(e) => update({ complaints: { ...form.complaints, text: e.target.value } })}
              />
            </div>
            <div className="std-grid">
              {input(
                "complaints.responseValue",
                t("standardEditor.responseTime"),
                form.complaints.responseValue,
                (responseValue) => update({ complaints: { ...form.complaints, responseValue } }),
                { inputMode: "decimal" },
              )}
              <div className="field">
                <label htmlFor={`${base}-complaints-unit`}>{t("standardEditor.unit")}</label>
                <select
                  id={`${base}-complaints-unit`}
                  value={form.complaints.responseUnit}
                  onChange={(e) => update({ complaints: { ...form.complaints, responseUnit: e.target.value } })}
                >
                  <option value="">—</option>
                  {DurationUnit.options.map((u) => (
                    <option key={u} value={u}>
                      {unit(u)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <Rows<ChannelRow>
              testId="std-channels"
              legend={t("standardEditor.channels")}
              addLabel={t("standardEditor.addChannel")}
              rows={form.channels}
              onChange={(channels) => update({ channels })}
              make={() => ({ key: rowKey(), kind: "", value: "" })}
              describe={(row) => row.kind}
              render={(row, i, set) => (
                <div className="std-grid">
                  {input(`channels.${i}.kind`, t("standardEditor.channelKind"), row.kind, (kind) => set({ kind }), {
                    placeholder: "whatsapp, sp4n-lapor, …",
                  })}
                  {input(`channels.${i}.value`, t("standardEditor.channelValue"), row.value, (value) => set({ value }))}
                </div>
              )}
            />
          </fieldset>

          {PROSE_COMPONENTS.map((key, i) => (
            <fieldset className="std-section" key={key}>
              <legend>
                {key === "pledge" ? "" : `${i + 8}. `}
                {t(`component.${key}`)}
              </legend>
              <textarea
                aria-label={t(`component.${key}`)}
                name={`prose.${key}`}
                rows={key === "pledge" ? 4 : 3}
                value={form.prose[key]}
                onChange={(e) => update({ prose: { ...form.prose, [key]: e.target.value } })}
              />
            </fieldset>
          ))}
        </div>
        <footer className="standard-editor-foot">
          {submitted && count > 0 && (
            <span className="field-error" role="alert">
              {t("standardEditor.fixFirst", { count })}
            </span>
          )}
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={count > 0 || undefined}>
            {t("standardEditor.apply")}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** "syarat07" after syarat01..06: the catalogue's way of naming requirements. */
function nextRequirementId(rows: RequirementRow[]): string {
  const numbers = rows
    .map((r) => /^syarat(\d+)$/.exec(r.id)?.[1])
    .filter(Boolean)
    .map(Number);
  const next = (numbers.length ? Math.max(...numbers) : rows.length) + 1;
  return `syarat${String(next).padStart(2, "0")}`;
}

/** A list component as rows: each row's fields, moved up or down, removed; a new row added last. */
function Rows<R extends { key: string }>({
  testId,
  legend,
  addLabel,
  rows,
  onChange,
  make,
  describe,
  render,
}: {
  testId: string;
  legend: string;
  addLabel: string;
  rows: R[];
  onChange: (rows: R[]) => void;
  make: (rows: R[]) => R;
  /** How a row is named to screen readers on its buttons. */
  describe: (row: R) => string;
  render: (row: R, index: number, set: (patch: Partial<R>) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const move = (from: number, to: number) => {
    const next = [...rows];
    const [row] = next.splice(from, 1);
    if (row) next.splice(to, 0, row);
    onChange(next);
  };
  return (
    <fieldset className="std-section" data-testid={testId}>
      <legend>{legend}</legend>
      <ol className="std-rows">
        {rows.map((row, i) => {
          const name = describe(row) || t("standardEditor.rowN", { n: i + 1 });
          return (
            <li key={row.key} className="std-row" data-testid="std-row">
              <div className="std-row-actions">
                <span className="std-row-number">{i + 1}.</span>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={i === 0}
                  aria-label={t("standardEditor.moveUp", { name })}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={i === rows.length - 1}
                  aria-label={t("standardEditor.moveDown", { name })}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={t("standardEditor.remove", { name })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </div>
              {render(row, i, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))))}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => onChange([...rows, make(rows)])}>
        + {addLabel}
      </button>
    </fieldset>
  );
}
