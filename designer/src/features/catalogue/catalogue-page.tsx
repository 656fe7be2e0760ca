/** Katalog Layanan: the district's services, their versions, templates and variants. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { catalogueQuery } from "../../api/queries/processes";
import { useSession } from "../../app/use-session";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { groupCatalogue } from "./group-catalogue";

export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const { user, isAdmin } = useSession();
  const [district, setDistrict] = useState(user?.district ?? "");
  const catalogue = useQuery(catalogueQuery(district || null));
  useDesignerPrefetch(isAdmin);
  return (
    <>
      <PageHeader
        title={t("catalogue.title")}
        sub={t("catalogue.subtitle")}
        actions={
          isAdmin && (
            <Link className="btn btn-primary" to="/desainer">
              {t("catalogue.newService")}
            </Link>
          )
        }
      />
      <div className="filters">
        <label>
          {t("catalogue.district")}
          <input value={district} onChange={(e) => setDistrict(e.target.value.trim())} placeholder="3216" />
        </label>
      </div>
      <QueryState query={catalogue}>
        {(list) => {
          const rows = groupCatalogue(list.items);
          if (rows.length === 0) return <p className="card muted">{t("catalogue.empty")}</p>;
          return (
            <table className="table table-stack">
              <thead>
                <tr>
                  <th>{t("catalogue.col.service")}</th>
                  <th>{t("catalogue.col.kind")}</th>
                  <th>{t("catalogue.col.published")}</th>
                  <th>{t("catalogue.col.draft")}</th>
                  <th>{t("catalogue.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const current = row.published ?? row.versions[0];
                  return (
                    <tr key={`${row.processId}@${row.district ?? ""}`}>
                      <td>
                        <strong>{row.name}</strong>
                        <div className="muted">{row.processId}</div>
                      </td>
                      <td data-label={t("catalogue.col.kind")}>
                        <span className={row.kind === "template" ? "badge badge-info" : "badge"}>
                          {row.kind === "template"
                            ? t("catalogue.template")
                            : `${t(row.kind === "variant" ? "catalogue.variant" : "catalogue.districtService")} ${row.district ?? ""}`}
                        </span>
                      </td>
                      <td data-label={t("catalogue.col.published")}>
                        {row.published
                          ? `v${row.published.version} · ${t("catalogue.effective")} ${formatDateTime(row.published.effectiveFrom ?? row.published.publishedAt, i18n.language)}`
                          : "—"}
                      </td>
                      <td data-label={t("catalogue.col.draft")}>{row.draft ? `v${row.draft.version}` : "—"}</td>
                      <td className="page-actions">
                        {current && <Link to={`/layanan/${current.id}/standar`}>{t("catalogue.standard")}</Link>}
                        {isAdmin && current && <Link to={`/desainer/${current.id}`}>{t("catalogue.edit")}</Link>}
                        {isAdmin && <Link to={`/desainer/${row.processId}/riwayat`}>{t("catalogue.history")}</Link>}
                        {isAdmin && row.kind === "template" && row.published && user?.district && (
                          <Link to={`/desainer/${row.published.id}?turunan=${user.district}`}>
                            {t("catalogue.derive")}
                          </Link>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </>
  );
}

/**
 * Admins open the designer from here: load its chunk (bpmn-js, the properties panel, about 2 MB)
 * while the page is idle, so "Ubah" opens the model without waiting for it.
 */
function useDesignerPrefetch(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const load = () => void import("../modeler/designer-page").catch(() => undefined);
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(load, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(load, 200);
    return () => window.clearTimeout(id);
  }, [enabled]);
}
