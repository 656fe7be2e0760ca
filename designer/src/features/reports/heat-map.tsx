/**
 * The heat map: the service's diagram (bpmn-js NavigatedViewer) with each element coloured by
 * the mean time spent in it (five steps from the least to the most) and its mean as an overlay.
 */
import type { PerformanceReport } from "@alur/shared/api";
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { bpmnTranslateModule } from "../../i18n/bpmn-translate";
import { useDuration } from "./format";

type HeatMapData = NonNullable<PerformanceReport["heatMap"]>;
export const HEAT_LEVELS = 5;

/** Level 0..4 of each element by its mean time (step time plus pause time) against the longest. */
export function heatLevels(elements: HeatMapData["elements"]): Map<string, { level: number; seconds: number }> {
  const total = elements.map((e) => ({ id: e.elementId, seconds: (e.meanSeconds ?? 0) + (e.meanPausedSeconds ?? 0) }));
  const max = Math.max(0, ...total.map((e) => e.seconds));
  return new Map(
    total
      .filter((e) => e.seconds > 0)
      .map((e) => [
        e.id,
        { seconds: e.seconds, level: Math.min(HEAT_LEVELS - 1, Math.floor((e.seconds / max) * HEAT_LEVELS)) },
      ]),
  );
}

export function HeatMap({ heatMap }: { heatMap: HeatMapData }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const container = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current, additionalModules: [bpmnTranslateModule] });
    let disposed = false;
    const levels = heatLevels(heatMap.elements);
    viewer
      .importXML(heatMap.bpmnXml)
      .then(() => {
        if (disposed) return;
        const canvas = viewer.get<{
          addMarker(id: string, m: string): void;
          zoom(z: string, c: string): void;
          resized(): void;
        }>("canvas");
        const registry = viewer.get<{ get(id: string): unknown }>("elementRegistry");
        const overlays = viewer.get<{
          add(id: string, o: { position: { bottom: number; right: number }; html: HTMLElement }): void;
        }>("overlays");
        for (const [id, { level, seconds }] of levels) {
          if (!registry.get(id)) continue;
          canvas.addMarker(id, `heat-${level}`);
          const badge = document.createElement("span");
          badge.className = "heat-badge";
          badge.textContent = duration(seconds);
          overlays.add(id, { position: { bottom: 4, right: 8 }, html: badge });
        }
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
  }, [heatMap, duration]);

  return (
    <>
      {failed && <p className="alert alert-error">{t("case.diagramFailed")}</p>}
      <figure
        ref={container}
        className="diagram-viewer heat-map"
        aria-label={t("reports.heatMapLabel")}
        data-testid="heat-map"
      />
      <p className="legend heat-legend">
        {t("reports.heatLess")}
        {Array.from({ length: HEAT_LEVELS }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the levels are fixed
          <span key={i} className={`heat-swatch heat-swatch-${i}`} aria-hidden="true" />
        ))}
        {t("reports.heatMore")}
      </p>
    </>
  );
}
