/**
 * A forking exclusive or inclusive gateway must say when each non-default flow is taken; a flow
 * without a condition would never (exclusive) or always (inclusive) be chosen, silently.
 */
import { body, child, type ModdleElement } from "../moddle-element";
import { problem } from "../problem";
import { refId } from "../process-elements";
import { allElements, nameOf, type Rule } from "./rule";

export const gatewayWithoutCondition: Rule = {
  code: "gateway-without-condition",
  check(context) {
    const elements = allElements(context);
    const outgoing = new Map<string, ModdleElement[]>();
    for (const flow of elements) {
      if (flow.$type !== "bpmn:SequenceFlow") continue;
      const source = refId(flow.sourceRef);
      if (!source) continue;
      const list = outgoing.get(source);
      if (list) list.push(flow);
      else outgoing.set(source, [flow]);
    }
    return elements.flatMap((gateway) => {
      if (gateway.$type !== "bpmn:ExclusiveGateway" && gateway.$type !== "bpmn:InclusiveGateway") return [];
      const flows = outgoing.get(gateway.id ?? "") ?? [];
      if (flows.length < 2) return [];
      const defaultFlow = refId(gateway.default);
      return flows
        .filter((flow) => flow.id !== defaultFlow && !body(child(flow, "conditionExpression")))
        .map((flow) =>
          problem(flow.id, "error", this.code, {
            id: `keluar dari ${nameOf(context, gateway.id).id} tanpa kondisi dan bukan alur bawaan; isi kondisinya atau jadikan alur bawaan.`,
            en: `leaves ${nameOf(context, gateway.id).en} without a condition and is not the default flow; give it a condition or make it the default.`,
          }),
        );
    });
  },
};
