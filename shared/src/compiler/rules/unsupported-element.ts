/** Elements outside Alur's executable set: an error naming the element, its type and why. */
import { localType } from "../moddle-element";
import { problem } from "../problem";
import { unsupportedReason } from "../supported-elements";
import { allElements, type Rule } from "./rule";

export const unsupportedElement: Rule = {
  code: "unsupported-element",
  check(context) {
    return allElements(context).flatMap((element) => {
      const reason = unsupportedReason(element);
      if (!reason) return [];
      const type = localType(element);
      return [
        problem(element.id, "error", this.code, {
          id: `jenis ini (${type}) tidak didukung: ${reason.id}.`,
          en: `this kind (${type}) is not supported: ${reason.en}.`,
        }),
      ];
    });
  },
};
