/** Asks for the effective date and the legal basis (e.g. Perbup no./year) before publishing. */
import type { LegalBasis } from "@alur/shared/schemas";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type PublishInput = { effectiveFrom: string; legalBasis: LegalBasis };

export function PublishDialog({
  open,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (input: PublishInput) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState("Perbup");
  const [number, setNumber] = useState("");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [title, setTitle] = useState("");
  const [effectiveFrom, setEffectiveFrom] = useState(new Date().toISOString().slice(0, 10));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const y = Number.parseInt(year, 10);
    onConfirm({
      effectiveFrom,
      legalBasis: { kind, number: number || undefined, year: Number.isFinite(y) ? y : undefined, title },
    });
  };
  return (
    <dialog ref={ref} className="dialog" onCancel={onCancel} aria-labelledby="publish-title">
      <form onSubmit={submit}>
        <h2 id="publish-title">{t("publish.title")}</h2>
        <p className="muted">{t("publish.intro")}</p>
        <label>
          {t("publish.effectiveFrom")}
          <input type="date" required value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
        </label>
        <label>
          {t("publish.kind")}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {["Perbup", "Perwal", "Keputusan Kepala Dinas", "Perda", "Pergub", "Permensos"].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          {t("publish.number")}
          <input name="number" required value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label>
          {t("publish.year")}
          <input
            name="year"
            required
            inputMode="numeric"
            pattern="\d{4}"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </label>
        <label>
          {t("publish.legalTitle")}
          <input name="legalTitle" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="page-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t("publish.publishing") : t("publish.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
