/**
 * The "Alur: condition" group of a sequence flow leaving a gateway: its FEEL condition with a
 * syntax check as you type (parsing only, the same check the validator runs), so a typo shows
 * under the field before it becomes a problem in the list.
 */

import { isTextAreaEntryEdited, TextAreaEntry } from "@bpmn-io/properties-panel";
import { h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import { i18n } from "../../i18n";
import type { Translate } from "./condition-check";
import { feelConditionError } from "./condition-check";
import type { Bo } from "./model-access";

type Element = { id: string; type: string; businessObject: Bo };

function ConditionEntry(props: { element: Element; id: string }) {
  const translate: Translate = useService("translate");
  const debounce = useService("debounceInput");
  const bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): Bo } = useService("bpmnFactory");
  const modeling: { updateProperties(element: unknown, properties: Record<string, unknown>): void } =
    useService("modeling");
  const bo = props.element.businessObject;
  return h(TextAreaEntry, {
    element: props.element,
    id: props.id,
    label: translate("Condition (FEEL)"),
    description: translate("e.g. = lengkap = true"),
    rows: 2,
    debounce,
    getValue: () => String((bo.get("conditionExpression") as Bo | undefined)?.get("body") ?? ""),
    validate: (value: string) => feelConditionError(value ?? "", translate, i18n.language === "en" ? "en" : "id"),
    setValue: (value: string) => {
      const text = (value ?? "").trim();
      // Zeebe marks expressions with a leading "="; keep it so Camunda Modeler reads the file alike
      const body = text && !text.startsWith("=") ? `=${text}` : text;
      const expression = body ? bpmnFactory.create("bpmn:FormalExpression", { body }) : undefined;
      modeling.updateProperties(props.element, { conditionExpression: expression });
    },
  });
}

/** The entries of the condition group. */
export function conditionEntries(): unknown[] {
  return [{ id: "alur-condition", component: ConditionEntry, isEdited: isTextAreaEntryEdited }];
}
