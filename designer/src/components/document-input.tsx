/**
 * One requirement's file, as the front office, the online applicant and the tracking page take it:
 * the accepted types from the standard, and the chosen file kept per requirement id (none: removed).
 */
import type { Dispatch, ReactNode, SetStateAction } from "react";

export type ChosenFiles = Record<string, File>;

export function DocumentInput({
  id,
  label,
  fileTypes,
  setFiles,
  children,
}: {
  id: string;
  label: ReactNode;
  fileTypes: readonly string[];
  setFiles: Dispatch<SetStateAction<ChosenFiles>>;
  /** Shown under the input (e.g. the accepted types in words). */
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <input
        type="file"
        name={`document:${id}`}
        accept={fileTypes.map((x) => `.${x}`).join(",")}
        onChange={(e) => {
          const file = e.target.files?.[0];
          setFiles((prev) => {
            const next = { ...prev };
            if (file) next[id] = file;
            else delete next[id];
            return next;
          });
        }}
      />
      {children}
    </label>
  );
}
