/** Read-only process diagram (bpmn-js NavigatedViewer) with done, active and overdue steps marked. */
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { bpmnTranslateModule } from "../../i18n/bpmn-translate";
import "./diagram-viewer.css";

const NO_EXTRA: Record<string, string[]> = {};

export type StepMarks = { done: string[]; active: string[]; overdue: string[] };

export function DiagramViewer({
  xml,
  marks,
  extraMarks = NO_EXTRA,
}: {
  xml: string;
  marks: StepMarks;
  /** Other markers by CSS class (the version diff). */
  extraMarks?: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current, additionalModules: [bpmnTranslateModule] });
    let disposed = false;
    viewer
      .importXML(xml)
      .then(() => {
        if (disposed) return;
        const canvas = viewer.get<{
          addMarker(id: string, m: string): void;
          zoom(z: string, center: string): void;
          resized(): void;
        }>("canvas");
        const registry = viewer.get<{ get(id: string): unknown }>("elementRegistry");
        const mark = (ids: string[], marker: string) => {
          for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
        };
        mark(marks.done, "alur-done");
        mark(marks.active, "alur-active");
        mark(marks.overdue, "alur-overdue");
        for (const [marker, ids] of Object.entries(extraMarks)) mark(ids, marker);
        canvas.resized();
        canvas.zoom("fit-viewport", "auto");
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      viewer.destroy();
    };
  }, [xml, marks, extraMarks]);

  return (
    <>
      {failed && <p className="alert alert-error">{t("case.diagramFailed")}</p>}
      <div ref={container} className="diagram-viewer" role="img" aria-label={t("case.diagram")} />
      <p className="legend" hidden={Object.keys(extraMarks).length > 0}>
        <span className="legend-done">{t("case.legend.done")}</span>
        <span className="legend-active">{t("case.legend.active")}</span>
        <span className="legend-overdue">{t("case.legend.overdue")}</span>
      </p>
    </>
  );
}
