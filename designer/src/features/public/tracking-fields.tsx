/**
 * The number and tracking code from a receipt: the pair that opens an applicant's own case (or,
 * with `number` naming the complaint's field, a complainant's own complaint).
 */
import { useTranslation } from "react-i18next";

export function TrackingFields({
  caseNumber,
  code,
  onCaseNumber,
  onCode,
  number,
}: {
  caseNumber: string;
  code: string;
  onCaseNumber: (value: string) => void;
  onCode: (value: string) => void;
  /** The number field's name, label and example; the case number's by default. */
  number?: { name: string; label: string; placeholder: string };
}) {
  const { t } = useTranslation();
  const field = number ?? { name: "caseNumber", label: t("public.caseNumber"), placeholder: "PAA/BKS/2026/000123" };
  return (
    <>
      <label>
        {field.label}
        <input
          name={field.name}
          value={caseNumber}
          onChange={(e) => onCaseNumber(e.target.value)}
          autoComplete="off"
          required
          maxLength={80}
          placeholder={field.placeholder}
        />
      </label>
      <label>
        {t("public.trackingCode")}
        <input
          name="code"
          value={code}
          onChange={(e) => onCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={40}
          placeholder="XXXX-XXXX-XXXX"
        />
      </label>
    </>
  );
}
