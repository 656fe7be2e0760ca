/**
 * The Standar Pelayanan as a printable document, apart from the staff page's query so the public
 * service page shows the same document without the staff API client's schemas.
 */
import type { DerivedStandard } from "@alur/shared/schemas";
import { DEFAULT_FILE_TYPES as DEFAULTS } from "@alur/shared/standard";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/page-header";
import { StandardFlowchart } from "./standard-flowchart";
import "./standard-page.css";

/** What a requirement accepts unless it says otherwise (the shared schema's default). */
const DEFAULT_FILE_TYPES = DEFAULTS.join(",");

/**
 * The standard as a printable document: the staff page and the public service page show the same
 * one. `actions` go in the header; `aside` (the public page's QR code) beside the kop surat.
 */
export function StandardDocument({
  standard: d,
  draft = false,
  actions,
  aside,
}: {
  standard: DerivedStandard;
  draft?: boolean;
  actions?: ReactNode;
  aside?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const s = d.standard;
  const longDate = (iso: string) =>
    new Date(`${iso}T00:00:00`).toLocaleDateString(i18n.language === "en" ? "en-GB" : "id-ID", { dateStyle: "long" });
  const unit = (u: string) => t(`unit.${u}`);
  const dash = "—";
  const paused = d.procedure.filter((p) => p.pausesClock).map((p) => p.order);
  const completion = s.completionTime;
  const rows: [string, ReactNode][] = [
    [
      "legalBasis",
      s.legalBasis.length ? (
        <ol key="legal">
          {s.legalBasis.map((b) => (
            <li key={`${b.kind}-${b.number}-${b.year}-${b.title}`}>
              {b.kind} {b.number && `No. ${b.number}`} {b.year && `${t("standard.yearWord")} ${b.year}`}{" "}
              {t("standard.about")} {b.title}
              {b.date && <span className="muted"> ({t("standard.enactedOn", { date: longDate(b.date) })})</span>}
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
              {!r.mandatory && ` (${t("standard.optional")})`}
              {(r.fileTypes.join(",") !== DEFAULT_FILE_TYPES || r.maxSizeMb !== undefined) && (
                <span className="muted">
                  {" "}
                  (
                  {[
                    t("standard.files", { types: r.fileTypes.map((x) => x.toUpperCase()).join(", ") }),
                    r.maxSizeMb !== undefined && t("standard.maxSize", { size: r.maxSizeMb }),
                  ]
                    .filter(Boolean)
                    .join("; ")}
                  )
                </span>
              )}
            </li>
          ))}
        </ol>
      ) : (
        dash
      ),
    ],
    [
      "procedure",
      d.procedure.length ? (
        <div key="procedure">
          <ol className="derived-procedure" data-testid="derived-procedure">
            {d.procedure.map((step) => (
              <li key={step.elementId} value={step.order} data-element={step.elementId}>
                <span>{step.text}</span>
                {step.pausesClock && <span className="badge badge-paused">{t("standard.clockStops")}</span>}
                {step.roles
                  .filter((r) => !r.known)
                  .map((r) => (
                    <span key={r.id} className="badge badge-warn no-print">
                      {t("standard.unknownRole", { id: r.id })}
                    </span>
                  ))}
                {step.branches.length > 0 && (
                  <ul className="branches">
                    {step.branches.map((b) => (
                      <li key={`${b.label}-${b.toStep}`} className={`branch branch-${b.kind}`}>
                        {b.text}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          <p className="muted no-print">{t("standard.derivedNote")}</p>
          {s.procedure.length > 0 && (
            <details className="typed-procedure no-print">
              <summary>{t("standard.typedTitle")}</summary>
              <p className="muted">{t("standard.typedHint")}</p>
              <ol>
                {[...s.procedure]
                  .sort((a, b) => a.order - b.order)
                  .map((p) => (
                    <li key={p.order}>{p.text}</li>
                  ))}
              </ol>
            </details>
          )}
        </div>
      ) : (
        dash
      ),
    ],
    [
      "completionTime",
      <div key="completion">
        {completion
          ? (completion.text ??
            `${completion.value}${completion.maxValue ? ` – ${completion.maxValue}` : ""} ${unit(completion.unit)}${completion.officeHours ? ` (${t("standard.officeHours")} ${completion.officeHours.start} – ${completion.officeHours.end})` : ""}`)
          : dash}
        {d.slaPath.workingMinutes > 0 && <div className="muted">{t("standard.slaSum", { sum: d.slaPath.text })}</div>}
        {paused.length > 0 && <div className="muted">{t("standard.pausedSteps", { steps: paused.join(", ") })}</div>}
      </div>,
    ],
    [
      "fee",
      s.fee ? (
        <div key="fee">
          {s.fee.text ?? (s.fee.amount === 0 ? t("standard.free") : `Rp ${s.fee.amount.toLocaleString("id-ID")}`)}
          {s.fee.basis && <div className="muted">{t("standard.feeBasis", { basis: s.fee.basis })}</div>}
        </div>
      ) : (
        dash
      ),
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
          d.issuer.office,
          s.code,
          d.validFrom && `${t("standard.validFrom")} ${d.validFrom}`,
          d.validUntil && `${t("standard.validUntil")} ${d.validUntil}`,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={actions}
      />
      {draft && <p className="alert alert-warn">{t("standard.draft")}</p>}
      {d.notes.map((n) => (
        <p key={n.code} className="alert alert-warn no-print">
          {n.message.id}
        </p>
      ))}
      <header className="kop-surat" data-testid="kop-surat">
        {d.issuer.government && <div className="kop-government">{d.issuer.government}</div>}
        <div className="kop-office">{d.issuer.office.toUpperCase()}</div>
      </header>
      {aside}
      <h2 className="print-only standard-print-title">
        {t("standard.title").toUpperCase()}
        <br />
        {s.name}
      </h2>
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
      <section className="signature" data-testid="signature">
        {d.validFrom && <div>{t("standard.signedAt", { date: d.validFrom })}</div>}
        <div className="signatory">{d.issuer.signatory.toUpperCase()}</div>
        <div className="signature-space" />
        <div>(.................................................)</div>
        <div>NIP.</div>
      </section>
      {d.diagram && (
        <section className="card flowchart-card">
          <h2>{t("standard.flowchart")}</h2>
          <p className="muted">{t("standard.flowchartHint")}</p>
          {/* scrolls sideways on a phone: focusable so a keyboard can scroll it too */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <section className="flowchart-scroll" aria-label={t("standard.flowchart")} tabIndex={0}>
            <StandardFlowchart diagram={d.diagram} title={t("standard.flowchart")} />
          </section>
        </section>
      )}
    </article>
  );
}
