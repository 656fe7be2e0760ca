/**
 * One requirement's file, as the front office, the online applicant and the tracking page take it:
 * the accepted types and size from the standard, and the chosen file kept per requirement id
 * (none: removed). A file the server would refuse (too large, another type) is refused here at
 * once, so a phone on a slow network does not send megabytes to hear "no".
 */
import { DEFAULT_FILE_TYPES, maxDocumentMb } from "@alur/shared/standard";
import { type Dispatch, type ReactNode, type SetStateAction, useState } from "react";
import { useTranslation } from "react-i18next";

export type ChosenFiles = Record<string, File>;

export function DocumentInput({
  id,
  label,
  fileTypes = DEFAULT_FILE_TYPES,
  maxSizeMb,
  setFiles,
  hint = false,
}: {
  id: string;
  label: ReactNode;
  fileTypes?: readonly string[];
  /** The requirement's own limit (the standard's maxSizeMb), under the server-wide one. */
  maxSizeMb?: number | undefined;
  setFiles: Dispatch<SetStateAction<ChosenFiles>>;
  /** Shows the accepted types and size in words under the input. */
  hint?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const limitMb = maxDocumentMb({ maxSizeMb });
  const mb = (n: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n);
  const types = fileTypes.map((x) => x.toUpperCase()).join(", ");
  const refusal = (file: File): string | null => {
    const ext = file.name.toLowerCase().split(".").pop() ?? "";
    if (!fileTypes.includes(ext)) return t("document.wrongType", { name: file.name, types });
    if (file.size > limitMb * 1024 * 1024) {
      return t("document.tooLarge", { name: file.name, actual: mb(file.size / 1024 / 1024), size: mb(limitMb) });
    }
    return null;
  };
  const problemId = `document-problem-${id}`;
  return (
    <label>
      {label}
      <input
        type="file"
        name={`document:${id}`}
        accept={fileTypes.map((x) => `.${x}`).join(",")}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          const refused = chosen ? refusal(chosen) : null;
          setProblem(refused);
          // a refused file is not kept: the form cannot send it, and the input shows no name for it
          if (refused) e.target.value = "";
          const file = refused ? undefined : chosen;
          setFiles((prev) => {
            const next = { ...prev };
            if (file) next[id] = file;
            else delete next[id];
            return next;
          });
        }}
      />
      {hint && <small className="muted">{t("public.fileTypes", { types, size: mb(limitMb) })}</small>}
      {problem && (
        <small id={problemId} className="field-error" role="alert">
          {problem}
        </small>
      )}
    </label>
  );
}
