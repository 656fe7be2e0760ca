/** A case's documents, uploaded and generated, with an inline preview of PDFs and images. */
import type { DocumentView } from "@alur/shared/api";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { paths } from "../../api/paths";

export function DocumentsPanel({
  caseId,
  documents,
  highlight = [],
}: {
  caseId: string;
  documents: DocumentView[];
  highlight?: string[];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DocumentView | null>(null);
  if (documents.length === 0) return <p className="muted">{t("case.noDocuments")}</p>;
  const url = (doc: DocumentView) => paths.caseDocument(caseId, doc.id);
  return (
    <>
      <ul className="doc-list">
        {documents.map((doc) => (
          <li key={doc.id}>
            <button type="button" className="btn btn-small" onClick={() => setOpen(doc)}>
              {t("case.preview")}
            </button>{" "}
            <a href={url(doc)} target="_blank" rel="noreferrer">
              {doc.filename}
            </a>{" "}
            {doc.requirementId && (
              <span className={highlight.includes(doc.requirementId) ? "badge badge-info" : "badge"}>
                {doc.requirementId}
              </span>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <figure className="doc-preview">
          <figcaption>
            {open.filename}{" "}
            <button type="button" className="btn btn-small" onClick={() => setOpen(null)}>
              {t("common.close")}
            </button>
          </figcaption>
          {open.contentType.startsWith("image/") ? (
            <img src={url(open)} alt={open.filename} />
          ) : (
            <iframe src={url(open)} title={open.filename} />
          )}
        </figure>
      )}
    </>
  );
}
