/** Durations and shares as the reports print them, in the page's language. */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en-GB" : "id-ID";
}

/** "40 dtk", "45 mnt", "5,2 jam", "3,4 hari" (calendar time). */
export function useDuration(): (seconds: number | null) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return useCallback(
    (seconds: number | null) => {
      if (seconds === null) return "—";
      const n = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1 });
      if (seconds < 60) return t("reports.seconds", { n: n(seconds) });
      if (seconds < 3600) return t("reports.minutes", { n: n(seconds / 60) });
      if (seconds < 48 * 3600) return t("reports.hours", { n: n(seconds / 3600) });
      return t("reports.days", { n: n(seconds / 86400) });
    },
    [t, locale],
  );
}

export function usePercent(): (value: number | null) => string {
  const locale = useLocale();
  return useCallback(
    (value: number | null) =>
      value === null
        ? "—"
        : `${value.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`,
    [locale],
  );
}
