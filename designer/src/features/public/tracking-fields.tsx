/** The case number and tracking code from the receipt: the pair that opens an applicant's own case. */
import { useTranslation } from "react-i18next";

export function TrackingFields({
  caseNumber,
  code,
  onCaseNumber,
  onCode,
}: {
  caseNumber: string;
  code: string;
  onCaseNumber: (value: string) => void;
  onCode: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t("public.caseNumber")}
        <input
          name="caseNumber"
          value={caseNumber}
          onChange={(e) => onCaseNumber(e.target.value)}
          autoComplete="off"
          required
          maxLength={80}
          placeholder="PAA/BKS/2026/000123"
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
