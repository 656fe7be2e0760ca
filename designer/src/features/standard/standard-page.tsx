/**
 * Standar Pelayanan of a service version as published: derived on the server from the version's
 * model (`GET /processes/versions/{id}/standard`), so the procedure is the model's steps with role
 * names, SLAs, branches, returns and clock stops. Typed procedure text in the model is shown only
 * as an archive below it. Printable (kop surat, signature block, flowchart) and as the server's PDF.
 */
import type { StandardView } from "@alur/shared/api";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { paths } from "../../api/paths";
import { standardQuery } from "../../api/queries/standards";
import { QueryState } from "../../components/query-state";
import { StandardDocument } from "./standard-document";

export function StandardPage() {
  const { versionId = "" } = useParams();
  const standard = useQuery(standardQuery(versionId));
  return (
    <QueryState query={standard}>
      {(view) => (
        <StandardDocument
          standard={view.standard}
          draft={view.version.status !== "published"}
          actions={<StaffActions view={view} />}
        />
      )}
    </QueryState>
  );
}

function StaffActions({ view }: { view: StandardView }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="btn no-print" href={paths.standardPdf(view.version.id)} target="_blank" rel="noreferrer">
        {t("standard.pdf")}
      </a>
      <button type="button" className="btn no-print" onClick={() => window.print()}>
        {t("standard.print")}
      </button>
    </>
  );
}
