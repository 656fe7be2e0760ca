/** A district's public service catalogue: what an applicant can apply for, each with its standard. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { publicCatalogueQuery } from "../../api/queries/public";
import { QueryState } from "../../components/query-state";
import { PublicFrame } from "./public-frame";

export function PublicCataloguePage() {
  const { t } = useTranslation();
  const { district = "" } = useParams();
  const catalogue = useQuery(publicCatalogueQuery(district));
  return (
    <PublicFrame district={district}>
      <QueryState query={catalogue}>
        {(view) => (
          <>
            <h1>{t("public.catalogueTitle", { district: view.district.name })}</h1>
            <p className="muted">{t("public.catalogueIntro")}</p>
            {view.items.length === 0 ? (
              <p className="card">{t("public.catalogueEmpty")}</p>
            ) : (
              <ul className="public-services" data-testid="public-services">
                {view.items.map((s) => (
                  <li key={s.processId} className="card public-service" data-process={s.processId}>
                    <Link to={`/publik/${view.district.code}/${s.processId}`}>{s.name}</Link>
                    <dl>
                      {s.completionTime && (
                        <>
                          <dt>{t("component.completionTime")}</dt>
                          <dd>{s.completionTime}</dd>
                        </>
                      )}
                      {s.fee && (
                        <>
                          <dt>{t("component.fee")}</dt>
                          <dd>{s.fee}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </PublicFrame>
  );
}
