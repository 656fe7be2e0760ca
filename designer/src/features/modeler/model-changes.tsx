/**
 * What changed between two models, as sentences (the shared describer): used by the version
 * history (version vs version) and the designer (a district variant vs its template).
 */
import type { DescribeOptions, ModelChanges } from "@alur/shared/compiler";
import { describeModelChanges } from "@alur/shared/compiler";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { rolesQuery } from "../../api/queries/tasks";

/** The changes from `oldXml` to `newXml`, role names from the directory; null while comparing. */
export function useModelChanges(
  oldXml: string | undefined,
  newXml: string | undefined,
  forms: Pick<DescribeOptions, "oldForms" | "newForms"> = {},
): ModelChanges | null {
  const roles = useQuery(rolesQuery());
  const [changes, setChanges] = useState<ModelChanges | null>(null);
  const { oldForms, newForms } = forms;
  useEffect(() => {
    if (oldXml === undefined || newXml === undefined) return;
    let live = true;
    void describeModelChanges(oldXml, newXml, { roles: roles.data?.items, oldForms, newForms }).then(
      (c) => live && setChanges(c),
    );
    return () => {
      live = false;
    };
  }, [oldXml, newXml, roles.data, oldForms, newForms]);
  return changes;
}

/** Ids for the diagram's highlights: what was added, removed and changed. */
export function changedIds(changes: ModelChanges | null) {
  const of = (kind: "added" | "removed" | "changed") =>
    (changes?.elements ?? []).filter((e) => e.change === kind).map((e) => e.elementId);
  return { added: of("added"), removed: of("removed"), changed: of("changed") };
}

/** The changes as a list: the process's own first, then each element with its phrases. */
export function ChangeList({ changes }: { changes: ModelChanges }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "id";
  if (changes.problems.length > 0)
    return <p className="alert alert-error">{changes.problems.map((p) => p.message[lang]).join(" ")}</p>;
  if (changes.process.length === 0 && changes.elements.length === 0)
    return <p className="muted">{t("changes.none")}</p>;
  return (
    <ul className="change-list" data-testid="change-list">
      {changes.process.map((d) => (
        <li key={d.en} data-testid="change" data-change="process">
          <span className="badge">{t("changes.process")}</span> {d[lang]}
        </li>
      ))}
      {changes.elements.map((e) => (
        <li key={e.elementId} data-testid="change" data-change={e.change} data-element-id={e.elementId}>
          <span
            className={
              e.change === "added" ? "badge badge-ok" : e.change === "removed" ? "badge badge-overdue" : "badge"
            }
          >
            {t(`changes.${e.change}`)}
          </span>{" "}
          {capitalise(e.element[lang])}
          {e.details.length > 0 && `: ${e.details.map((d) => d[lang]).join("; ")}`}
        </li>
      ))}
    </ul>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
