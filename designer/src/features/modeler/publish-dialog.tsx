/**
 * Asks for the effective date and the legal basis (e.g. Perbup no./year) before publishing. It
 * opens with what the model already records, so publishing again under the same decree is a
 * confirmation and changes nothing else in the model.
 */
import type { LegalBasis } from "@alur/shared/schemas";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LegalBasisFields } from "../variants/legal-basis-fields";
import {
  checkLegalBasis,
  type LegalBasisField,
  type LegalBasisInput,
  toLegalBasis,
} from "../variants/legal-basis-input";
import "../variants/variants.css";

export type PublishInput = { effectiveFrom: string; legalBasis: LegalBasis };

const ALL_FIELDS: LegalBasisField[] = ["kind", "number", "year", "title", "link", "effectiveFrom"];

export function PublishDialog({
  open,
  busy,
  proposed,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  busy: boolean;
  /** What the fields start with each time the dialog opens. */
  proposed: LegalBasisInput;
  onCancel: () => void;
  onConfirm: (input: PublishInput) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(proposed);
  const [touched, setTouched] = useState<Set<LegalBasisField>>(new Set());

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setValue(proposed);
      setTouched(new Set());
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, proposed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const legalBasis = toLegalBasis(value);
    if (!legalBasis) {
      setTouched(new Set(ALL_FIELDS));
      return;
    }
    onConfirm({ effectiveFrom: value.effectiveFrom, legalBasis });
  };
  const invalid = Object.keys(checkLegalBasis(value)).length > 0;
  return (
    <dialog ref={ref} className="dialog" onCancel={onCancel} aria-labelledby="publish-title">
      <form onSubmit={submit} noValidate>
        <h2 id="publish-title">{t("publish.title")}</h2>
        <p className="muted">{t("publish.intro")}</p>
        <LegalBasisFields
          value={value}
          onChange={setValue}
          touched={touched}
          onTouch={(field) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)))}
        />
        <div className="page-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={invalid || undefined}>
            {busy ? t("publish.publishing") : t("publish.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
