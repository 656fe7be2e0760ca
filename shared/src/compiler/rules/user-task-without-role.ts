/**
 * A user task nobody may claim would wait forever: it needs candidate groups, candidate users or
 * an assignee, and static candidate groups must name roles that exist.
 */
import { BUILTIN_ROLES, roleIds } from "../../schemas/roles";
import { isFeel } from "../feel-values";
import { commaList, extension, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

export const userTaskWithoutRole: Rule = {
  code: "user-task-without-role",
  check(context) {
    const given = context.options.knownRoles;
    const known = new Set(roleIds(given ?? BUILTIN_ROLES.map((r) => r.id)));
    return allElements(context).flatMap((task) => {
      if (task.$type !== "bpmn:UserTask") return [];
      const assignment = extension(task, "zeebe:AssignmentDefinition");
      const groups = str(assignment, "candidateGroups");
      const named =
        commaList(groups).length > 0 ||
        commaList(str(assignment, "candidateUsers")).length > 0 ||
        Boolean(str(assignment, "assignee")?.trim());
      if (!named) {
        return [
          problem(task.id, "error", this.code, {
            id: "belum ditentukan peran atau petugas yang mengerjakannya; isi kolom Peran.",
            en: "names no role or user to work on it; fill in Roles.",
          }),
        ];
      }
      // Only a task no known role, candidate user or assignee can take is dead; one unknown group
      // among known ones is an office's own role as often as a typo.
      if (!groups || isFeel(groups) || commaList(str(assignment, "candidateUsers")).length > 0) return [];
      if (str(assignment, "assignee")?.trim()) return [];
      const roles = roleIds(groups);
      if (roles.some((role) => known.has(role))) return [];
      const list = roles.join(", ");
      return [
        given
          ? problem(task.id, "error", this.code, {
              id: `tidak ada peran ${list} di kabupaten/kota ini, jadi tidak ada yang dapat mengerjakannya.`,
              en: `the district has no role ${list}, so nobody can work on it.`,
            })
          : problem(task.id, "warning", this.code, {
              id: `${list} bukan peran bawaan; pastikan admin telah membuat peran itu.`,
              en: `${list} names no built-in role; make sure an admin has created it.`,
            }),
      ];
    });
  },
};
