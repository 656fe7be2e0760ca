/**
 * The district variant's own data, above the diagram: which template it derives from and the
 * legal basis (Perbup, ...) that sets it, with its effective date. A variant cannot be saved
 * without its legal basis, so a new variant is marked in the model only when one is recorded here.
 */
import type { LegalBasis } from "@alur/shared/schemas";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { LegalBasisFields } from "./legal-basis-fields";
import { type LegalBasisField, type LegalBasisInput, toLegalBasis } from "./legal-basis-input";
import "./variants.css";

const ALL_FIELDS: LegalBasisField[] = ["kind", "number", "year", "title", "link", "effectiveFrom"];

export function VariantCard({
  template,
  district,
  initial,
  recorded,
  onRecord,
}: {
  template: string;
  district: string;
  /** What the fields start with: the model's recorded basis, else a Perbup of this year. */
  initial: LegalBasisInput;
  /** True once the model carries a valid legal basis. */
  recorded: boolean;
  onRecord: (input: { legalBasis: LegalBasis; effectiveFrom: string }) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState<Set<LegalBasisField>>(new Set());
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const legalBasis = toLegalBasis(value);
    if (!legalBasis) {
      setTouched(new Set(ALL_FIELDS));
      setSaved(false);
      return;
    }
    onRecord({ legalBasis, effectiveFrom: value.effectiveFrom });
    setSaved(true);
  };

  return (
    <section className="card variant-card" aria-labelledby="variant-card-title">
      <h2 id="variant-card-title">{t("variant.title", { district, template })}</h2>
      <p className="muted">{t("variant.intro")}</p>
      <form onSubmit={submit} noValidate>
        <LegalBasisFields
          value={value}
          onChange={(next) => {
            setValue(next);
            setSaved(false);
          }}
          touched={touched}
          onTouch={(field) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)))}
        />
        <div className="page-actions">
          <button type="submit" className="btn btn-primary">
            {t("variant.record")}
          </button>
          {saved && (
            <span className="alert alert-ok" role="status">
              {t("variant.recorded")}
            </span>
          )}
          {!recorded && !saved && <span className="muted">{t("variant.required")}</span>}
        </div>
      </form>
    </section>
  );
}
