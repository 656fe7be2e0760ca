/**
 * The bpmn-js Modeler: one per mount, held in a ref and destroyed on cleanup. The diagram owns the
 * model; changes flow out through `onChanged` (debounced), React state never mirrors it.
 * `performance.mark`s (alur:modeler-*) time the opening; bench/modeler-open.bench.ts reads them.
 */
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
// the icon font as a cached woff2 file, not 96 kB of base64 CSS parsed again on every opening
import "bpmn-js/dist/assets/bpmn-font/css/bpmn.css";
import "@bpmn-io/properties-panel/dist/assets/properties-panel.css";
import "./bpmn-modeler.css";
import alur from "@alur/shared/compiler/moddle/alur.json";
import Modeler from "bpmn-js/lib/Modeler";
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from "bpmn-js-properties-panel";
import ZeebeBehaviorsModule from "camunda-bpmn-js-behaviors/lib/camunda-cloud";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import zeebe from "zeebe-bpmn-moddle/resources/zeebe.json";
import { useSession } from "../../app/use-session";
import { bpmnTranslateModule } from "../../i18n/bpmn-translate";
import { alurPropertiesModule } from "./alur-properties-provider";
import { type AlurPanelMode, type PanelMode, panelModeModule, storedPanelMode, storePanelMode } from "./panel-mode";

export type { Modeler };

export function BpmnModeler({
  xml,
  onReady,
  onChanged,
  onImportError,
}: {
  xml: string;
  onReady: (modeler: Modeler) => void;
  onChanged: (modeler: Modeler) => void;
  onImportError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [panelMode, setPanelMode] = useState<PanelMode>(() => storedPanelMode(user?.id));
  const modelerRef = useRef<Modeler | null>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onReady, onChanged, onImportError });
  callbacks.current = { onReady, onChanged, onImportError };
  // the XML the modeler was opened with; later imports go through the ready modeler
  const initialXml = useRef(xml);
  // the mode the modeler starts with, read by the creating effect without depending on it
  const panelModeRef = useRef(panelMode);

  useEffect(() => {
    if (!canvas.current || !panel.current) return;
    performance.mark("alur:modeler-create");
    const modeler = new Modeler({
      container: canvas.current,
      propertiesPanel: { parent: panel.current },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        ZeebePropertiesProviderModule,
        ZeebeBehaviorsModule,
        alurPropertiesModule,
        panelModeModule,
        bpmnTranslateModule,
      ],
      moddleExtensions: { zeebe, alur },
    });
    performance.mark("alur:modeler-created");
    modelerRef.current = modeler;
    modeler.get<AlurPanelMode>("alurPanelMode").set(panelModeRef.current);
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    modeler.on("commandStack.changed", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!disposed) callbacks.current.onChanged(modeler);
      }, 250);
    });
    modeler
      .importXML(initialXml.current)
      .then(() => {
        if (disposed) return;
        performance.mark("alur:modeler-imported");
        // the container may have been laid out after the canvas measured it; fit and centre anew
        const canvas = modeler.get<{ resized(): void; zoom(z: string, center: string): void }>("canvas");
        canvas.resized();
        canvas.zoom("fit-viewport", "auto");
        callbacks.current.onReady(modeler);
        performance.mark("alur:modeler-ready");
      })
      .catch((error: unknown) => {
        if (!disposed) callbacks.current.onImportError(error);
      });
    return () => {
      disposed = true;
      clearTimeout(timer);
      modelerRef.current = null;
      modeler.destroy();
    };
  }, []);

  useEffect(() => {
    panelModeRef.current = panelMode;
    modelerRef.current?.get<AlurPanelMode>("alurPanelMode").set(panelMode);
  }, [panelMode]);

  const choose = (mode: PanelMode) => {
    setPanelMode(mode);
    storePanelMode(user?.id, mode);
  };

  return (
    <div className="modeler">
      <div ref={canvas} className="modeler-canvas" data-testid="modeler-canvas" />
      <div className="modeler-side">
        <fieldset className="panel-mode" data-testid="panel-mode">
          <legend>{t("designer.panelMode.label")}</legend>
          {(["simple", "full"] as const).map((mode) => (
            <label key={mode} title={t(`designer.panelMode.${mode}Hint`)}>
              <input
                type="radio"
                name="panel-mode"
                value={mode}
                checked={panelMode === mode}
                onChange={() => choose(mode)}
              />{" "}
              {t(`designer.panelMode.${mode}`)}
            </label>
          ))}
        </fieldset>
        <div ref={panel} className="modeler-panel" />
      </div>
    </div>
  );
}
