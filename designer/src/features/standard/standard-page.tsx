/**
 * Standar Pelayanan of a service version: the 14-component table and the Maklumat Pelayanan, read
 * from the model with the shared reader. Printable; "PDF" is the browser's print-to-PDF.
 */
import { createModdle, type ModdleElement, readServiceStandard, selectProcess } from "@alur/shared/compiler";
import type { ServiceStandard } from "@alur/shared/schemas";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { processBpmnQuery } from "../../api/queries/processes";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import "./standard-page.css";

export function StandardPage() {
  const { versionId = "" } = useParams();
  const bpmn = useQuery(processBpmnQuery(versionId));
  return <QueryState query={bpmn}>{(xml) => <StandardFromXml xml={xml} />}</QueryState>;
}

function StandardFromXml({ xml }: { xml: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ standard?: ServiceStandard; failed?: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    createModdle()
      .fromXML(xml)
      .then(({ rootElement }) => {
        const process = selectProcess(rootElement as unknown as ModdleElement);
        const result = process ? readServiceStandard(process) : { standard: undefined };
        if (live) setState({ standard: result.standard });
      })
      .catch(() => live && setState({ failed: true }));
    return () => {
      live = false;
    };
  }, [xml]);
  if (!state) return <Spinner />;
  if (state.failed) return <p className="alert alert-error">{t("standard.failed")}</p>;
  if (!state.standard) return <p className="alert alert-warn">{t("standard.none")}</p>;
  return <StandardDocument s={state.standard} />;
}

function StandardDocument({ s }: { s: ServiceStandard }) {
  const { t } = useTranslation();
  const unit = (u: string) => t(`unit.${u}`);
  const dash = "—";
  const rows: [string, ReactNode][] = [
    [
      "legalBasis",
      s.legalBasis.length ? (
        <ol key="legal">
          {s.legalBasis.map((b) => (
            <li key={`${b.kind}-${b.number}-${b.year}-${b.title}`}>
              {b.kind} {b.number && `No. ${b.number}`} {b.year && `${t("standard.yearWord")} ${b.year}`}{" "}
              {t("standard.about")} {b.title}
            </li>
          ))}
        </ol>
      ) : (
        dash
      ),
    ],
    [
      "requirements",
      s.requirements.length ? (
        <ol key="requirements">
          {s.requirements.map((r) => (
            <li key={r.id}>
              {r.name}
              {!r.mandatory && ` (${t("start.optional")})`}
            </li>
          ))}
        </ol>
      ) : (
        dash
      ),
    ],
    [
      "procedure",
      s.procedure.length ? (
        <ol key="procedure">
          {[...s.procedure]
            .sort((a, b) => a.order - b.order)
            .map((p) => (
              <li key={p.order}>
                {p.text}
                {p.role && <em> ({p.role})</em>}
              </li>
            ))}
        </ol>
      ) : (
        dash
      ),
    ],
    [
      "completionTime",
      s.completionTime
        ? (s.completionTime.text ??
          `${s.completionTime.value}${s.completionTime.maxValue ? ` – ${s.completionTime.maxValue}` : ""} ${unit(s.completionTime.unit)}${s.completionTime.officeHours ? ` (${t("standard.officeHours")} ${s.completionTime.officeHours.start} – ${s.completionTime.officeHours.end})` : ""}`)
        : dash,
    ],
    [
      "fee",
      s.fee
        ? (s.fee.text ?? (s.fee.amount === 0 ? t("standard.free") : `Rp ${s.fee.amount.toLocaleString("id-ID")}`))
        : dash,
    ],
    ["products", s.products.length ? s.products.map((p) => p.name).join("; ") : dash],
    [
      "complaints",
      s.complaints ? (
        <>
          {s.complaints.text}
          {s.complaints.responseTime &&
            ` (${t("standard.response")} ${s.complaints.responseTime.value} ${unit(s.complaints.responseTime.unit)})`}
          {s.complaints.channels.length > 0 && (
            <ul>
              {s.complaints.channels.map((c) => (
                <li key={`${c.kind}-${c.value}`}>
                  {c.kind}
                  {c.value && `: ${c.value}`}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        dash
      ),
    ],
    ["facilities", s.facilities ?? dash],
    ["competence", s.competence ?? dash],
    ["supervision", s.supervision ?? dash],
    ["staffCount", s.staffCount ?? dash],
    ["serviceGuarantee", s.serviceGuarantee ?? dash],
    ["safetyGuarantee", s.safetyGuarantee ?? dash],
    ["evaluation", s.evaluation ?? dash],
  ];
  return (
    <article className="standard">
      <PageHeader
        title={`${t("standard.title")}: ${s.name}`}
        sub={[
          s.office,
          s.code,
          s.validFrom && `${t("standard.validFrom")} ${s.validFrom}`,
          s.validUntil && `${t("standard.validUntil")} ${s.validUntil}`,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={
          <button type="button" className="btn no-print" onClick={() => window.print()}>
            {t("standard.print")}
          </button>
        }
      />
      <table className="table standard-table">
        <thead>
          <tr>
            <th>{t("standard.no")}</th>
            <th>{t("standard.component")}</th>
            <th>{t("standard.description")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value], i) => (
            <tr key={key}>
              <td>{i + 1}</td>
              <th scope="row">{t(`component.${key}`)}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card maklumat">
        <h2>{t("standard.pledgeTitle")}</h2>
        <p>{s.pledge ?? t("standard.noPledge")}</p>
      </section>
      <p className="muted no-print">{t("standard.pdfHint")}</p>
    </article>
  );
}
