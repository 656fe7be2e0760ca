/**
 * Open incidents of a case (status "incident"): what stopped where, and for admins a retry once the
 * cause is fixed. Incidents inside a called process name the call activity that leads to them.
 */
import type { CaseView } from "@alur/shared/api";
import type { CaseIncident } from "@alur/shared/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { retryIncident } from "../../api/mutations/cases";
import { caseKeys } from "../../api/queries/cases";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";

export function IncidentsPanel({
  c,
  names,
  canRetry,
}: {
  c: CaseView;
  /** Element names of the case's process, by id. */
  names: Map<string, string>;
  canRetry: boolean;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: (incident: CaseIncident) => retryIncident(c.id, incident.id),
    onSuccess: (view) => {
      client.setQueryData(caseKeys.detail(c.id), view);
      return client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
    },
  });
  const incidents = c.incidents ?? [];
  if (incidents.length === 0) return null;

  /** Where it stopped: the step, behind the call activities leading to it. */
  const where = (incident: CaseIncident) => {
    const [call] = incident.callPath ?? [];
    const id = incident.elementId ?? "—";
    const step = incident.elementName ?? names.get(id) ?? id;
    return call ? t("case.incident.inCalled", { step, call: names.get(call) ?? call }) : step;
  };

  return (
    <section className="card card-incident" aria-labelledby="incidents-title" data-testid="case-incidents">
      <h2 id="incidents-title">{t("case.incident.title")}</h2>
      <p className="muted">{t(canRetry ? "case.incident.hintAdmin" : "case.incident.hint")}</p>
      <ul className="incident-list">
        {incidents.map((incident) => (
          <li key={incident.id} data-incident-id={incident.id}>
            <strong>{t(`case.incident.code.${incident.code}`, { defaultValue: incident.code })}</strong>
            <span className="muted"> · {where(incident)}</span>
            <div className="muted">{formatDateTime(incident.at, i18n.language)}</div>
            <details>
              <summary>{t("case.incident.technical")}</summary>
              <code className="incident-message">{incident.message}</code>
            </details>
            {canRetry && (
              <button
                type="button"
                className="btn btn-small"
                disabled={retry.isPending}
                // several incidents: each button names its step to a screen reader
                aria-label={`${t("case.incident.retry")}: ${where(incident)}`}
                aria-busy={retry.isPending && retry.variables?.id === incident.id}
                onClick={() => retry.mutate(incident)}
              >
                {retry.isPending && retry.variables?.id === incident.id
                  ? t("case.incident.retrying")
                  : t("case.incident.retry")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {retry.isError && <ErrorMessage error={retry.error} />}
    </section>
  );
}
