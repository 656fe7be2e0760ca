/** A user task nobody may claim would wait forever: it needs candidate groups or an assignee. */
import { commaList, extension, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

export const userTaskWithoutRole: Rule = {
  code: "user-task-without-role",
  check(context) {
    return allElements(context).flatMap((task) => {
      if (task.$type !== "bpmn:UserTask") return [];
      const assignment = extension(task, "zeebe:AssignmentDefinition");
      if (commaList(str(assignment, "candidateGroups")).length > 0 || str(assignment, "assignee")) return [];
      return [
        problem(task.id, "error", this.code, {
          id: `Tugas pengguna "${task.name ?? task.id}" belum menentukan peran yang mengerjakannya.`,
          en: `User task "${task.name ?? task.id}" names no role to work on it.`,
        }),
      ];
    });
  },
};
