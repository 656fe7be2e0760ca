/**
 * The fields of a legal basis (kind, number, year, title, link) and its effective date, checked as
 * they are typed: a field shows its problem once it has been edited or left, in the user's
 * language, tied to the field by aria-describedby (the label names the field only). The date is
 * the browser's date picker, with the chosen day written out beneath it in the user's language.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { checkLegalBasis, LEGAL_BASIS_KINDS, type LegalBasisField, type LegalBasisInput } from "./legal-basis-input";

export function LegalBasisFields({
  value,
  onChange,
  touched,
  onTouch,
}: {
  value: LegalBasisInput;
  onChange: (next: LegalBasisInput) => void;
  /** Fields whose problems are shown (edited or left); all of them after a refused submit. */
  touched: ReadonlySet<LegalBasisField>;
  onTouch: (field: LegalBasisField) => void;
}) {
  const { t, i18n } = useTranslation();
  const base = useId();
  const errors = checkLegalBasis(value);
  const kinds =
    LEGAL_BASIS_KINDS.includes(value.kind) || !value.kind ? LEGAL_BASIS_KINDS : [value.kind, ...LEGAL_BASIS_KINDS];

  const field = (name: LegalBasisField) => {
    const error = touched.has(name) ? errors[name] : undefined;
    const errorId = `${base}-${name}-error`;
    return {
      input: {
        id: `${base}-${name}`,
        name,
        value: value[name],
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? errorId : undefined,
        onBlur: () => onTouch(name),
        onChange: (e: { target: { value: string } }) => {
          onTouch(name);
          onChange({ ...value, [name]: e.target.value });
        },
      },
      error: error && (
        <span className="field-error" id={errorId}>
          {t(error.key, error.values)}
        </span>
      ),
    };
  };

  const kind = field("kind");
  const number = field("number");
  const year = field("year");
  const title = field("title");
  const link = field("link");
  const effectiveFrom = field("effectiveFrom");
  const day = !errors.effectiveFrom && value.effectiveFrom ? new Date(`${value.effectiveFrom}T00:00:00`) : null;

  return (
    <div className="legal-basis-fields">
      <div className="field">
        <label htmlFor={effectiveFrom.input.id}>{t("publish.effectiveFrom")}</label>
        <input type="date" required min="1945-01-01" max="2100-12-31" {...effectiveFrom.input} />
        {day && (
          <span className="muted field-hint">
            {day.toLocaleDateString(i18n.language === "en" ? "en-GB" : "id-ID", { dateStyle: "full" })}
          </span>
        )}
        {effectiveFrom.error}
      </div>
      <div className="field">
        <label htmlFor={kind.input.id}>{t("publish.kind")}</label>
        <select {...kind.input}>
          {kinds.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        {kind.error}
      </div>
      <div className="field">
        <label htmlFor={number.input.id}>{t("publish.number")}</label>
        <input required placeholder={t("legalBasis.numberHint")} {...number.input} />
        {number.error}
      </div>
      <div className="field">
        <label htmlFor={year.input.id}>{t("publish.year")}</label>
        <input required inputMode="numeric" maxLength={4} {...year.input} />
        {year.error}
      </div>
      <div className="field">
        <label htmlFor={title.input.id}>{t("publish.legalTitle")}</label>
        <input required placeholder={t("legalBasis.titleHint")} {...title.input} />
        {title.error}
      </div>
      <div className="field">
        <label htmlFor={link.input.id}>{t("legalBasis.link")}</label>
        <input type="url" placeholder="https://jdih.bekasikab.go.id/…" {...link.input} />
        {link.error}
      </div>
    </div>
  );
}
