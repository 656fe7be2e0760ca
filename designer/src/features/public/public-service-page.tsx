/**
 * A service's published standard for the public, at a shareable URL: the same document the staff
 * page shows, with a QR code of this page for the printed copy on the office wall.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { publicServiceQuery } from "../../api/queries/public";
import { QueryState } from "../../components/query-state";
import { StandardDocument } from "../standard/standard-document";
import { PublicFrame } from "./public-frame";
import { QrCode } from "./qr-code";

export function PublicServicePage() {
  const { t } = useTranslation();
  const { district = "", processId = "" } = useParams();
  const service = useQuery(publicServiceQuery(district, processId));
  // the page's own address without query or fragment: what a printed copy should lead to
  const url = `${window.location.origin}/publik/${encodeURIComponent(district)}/${encodeURIComponent(processId)}`;
  return (
    <PublicFrame district={district}>
      <QueryState query={service}>
        {(view) => (
          <StandardDocument
            standard={view.standard}
            actions={
              <>
                <Link
                  className="btn btn-primary no-print public-apply-cta"
                  to={`/publik/${view.district.code}/${encodeURIComponent(view.service.processId)}/ajukan`}
                >
                  {t("public.applyLink")}
                </Link>
                <Link
                  className="btn no-print"
                  to={`/pengaduan?d=${view.district.code}&layanan=${encodeURIComponent(view.service.processId)}`}
                >
                  {t("complaint.link")}
                </Link>
                <Link className="btn no-print" to={`/publik/${view.district.code}`}>
                  {t("public.allServices")}
                </Link>
                <button type="button" className="btn no-print" onClick={() => window.print()}>
                  {t("standard.print")}
                </button>
              </>
            }
            aside={
              <figure className="public-qr">
                <QrCode value={url} label={t("public.qrLabel", { url })} />
                <figcaption>
                  {t("public.qrCaption")}
                  <br />
                  <span className="public-url">{url}</span>
                </figcaption>
              </figure>
            }
          />
        )}
      </QueryState>
    </PublicFrame>
  );
}
