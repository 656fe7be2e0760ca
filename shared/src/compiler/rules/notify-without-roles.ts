/**
 * The `notify` connector sends its notice to the roles of its `roles` header; without one it fails
 * at run time (an incident no retry fixes), so the model must name them.
 */
import { children, commaList, extension, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

export const notifyWithoutRoles: Rule = {
  code: "notify-without-roles",
  check(context) {
    return allElements(context).flatMap((element) => {
      if (str(extension(element, "zeebe:TaskDefinition"), "type")?.trim() !== "notify") return [];
      const roles = children(extension(element, "zeebe:TaskHeaders"), "values").find((h) => str(h, "key") === "roles");
      if (commaList(str(roles, "value")).length > 0) return [];
      return [
        problem(element.id, "error", this.code, {
          id: `pemberitahuan ini belum menentukan peran penerimanya (isi "Peran yang diberi tahu").`,
          en: `this notification names no roles to send to (fill in "Notify roles").`,
        }),
      ];
    });
  },
};
