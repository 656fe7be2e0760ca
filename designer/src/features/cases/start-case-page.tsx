/** Front office starts a case for an applicant: service, applicant data, requirement documents. */
import type { ProcessVersionView } from "@alur/shared/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { startCase } from "../../api/mutations/cases";
import { catalogueQuery, processBpmnQuery } from "../../api/queries/processes";
import { useSession } from "../../app/use-session";
import { DocumentInput } from "../../components/document-input";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { requirementsOf } from "./requirements-of";

export function StartCasePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  return (
    <>
      <PageHeader title={t("start.title")} sub={t("start.subtitle")} />
      <QueryState query={catalogue}>
        {(list) => {
          const published = latestPublished(list.items);
          return published.length === 0 ? (
            <p className="card muted">{t("start.noServices")}</p>
          ) : (
            <StartCaseForm services={published} district={user?.district ?? ""} />
          );
        }}
      </QueryState>
    </>
  );
}

/** The newest published version of each process. */
function latestPublished(items: ProcessVersionView[]): ProcessVersionView[] {
  const byProcess = new Map<string, ProcessVersionView>();
  for (const v of items) {
    if (v.status !== "published") continue;
    const seen = byProcess.get(v.processId);
    if (!seen || seen.version < v.version) byProcess.set(v.processId, v);
  }
  return [...byProcess.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function StartCaseForm({ services, district }: { services: ProcessVersionView[]; district: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [versionId, setVersionId] = useState(services[0]?.id ?? "");
  const version = services.find((s) => s.id === versionId);
  const bpmn = useQuery({ ...processBpmnQuery(versionId), enabled: Boolean(versionId) });
  const requirements = useMemo(() => (bpmn.data ? requirementsOf(bpmn.data) : []), [bpmn.data]);
  const [files, setFiles] = useState<Record<string, File>>({});
  // one key per form fill: a double click or a retry does not start two cases
  const idempotencyKey = useRef(crypto.randomUUID());
  const start = useMutation({
    mutationFn: (form: FormData) =>
      startCase(
        {
          processId: version?.processId ?? "",
          district: version?.district ?? district,
          applicant: {
            name: String(form.get("name") ?? "").trim(),
            nik: String(form.get("nik") ?? "").trim() || undefined,
            phone: String(form.get("phone") ?? "").trim() || undefined,
            address: String(form.get("address") ?? "").trim() || undefined,
          },
          variables: {},
        },
        files,
        idempotencyKey.current,
      ),
    onSuccess: (c) => void navigate(`/permohonan/${c.id}`),
  });
  const missing = requirements.filter((r) => r.mandatory && !files[r.id]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start.mutate(new FormData(event.currentTarget));
  };
  return (
    <form className="card" onSubmit={submit} style={{ maxWidth: 720 }}>
      <label>
        {t("start.service")}
        <select name="service" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} (v{s.version})
            </option>
          ))}
        </select>
      </label>
      <h2>{t("start.applicant")}</h2>
      <label>
        {t("start.name")}
        <input name="name" required maxLength={200} autoComplete="name" />
      </label>
      <label>
        {t("start.nik")}
        <input name="nik" inputMode="numeric" pattern="\d{16}" title={t("start.nikHint")} />
      </label>
      <label>
        {t("start.phone")}
        <input name="phone" type="tel" maxLength={30} autoComplete="tel" />
      </label>
      <label>
        {t("start.address")}
        <textarea name="address" rows={2} maxLength={500} />
      </label>
      <h2>{t("start.documents")}</h2>
      <QueryState query={bpmn}>
        {() =>
          requirements.length === 0 ? (
            <p className="muted">{t("start.noRequirements")}</p>
          ) : (
            requirements.map((r) => (
              <DocumentInput
                key={r.id}
                id={r.id}
                label={`${r.name} ${r.mandatory ? "*" : `(${t("start.optional")})`}`}
                fileTypes={r.fileTypes}
                maxSizeMb={r.maxSizeMb}
                setFiles={setFiles}
                hint
              />
            ))
          )
        }
      </QueryState>
      {start.isError && <ErrorMessage error={start.error} />}
      {missing.length > 0 && (
        <p className="muted">
          {t("start.missing")}: {missing.map((m) => m.name).join(", ")}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={start.isPending || missing.length > 0}>
        {start.isPending ? t("start.starting") : t("start.submit")}
      </button>
    </form>
  );
}
