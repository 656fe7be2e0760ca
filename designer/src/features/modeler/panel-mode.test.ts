import { describe, expect, it } from "vitest";
import { groupsFor } from "./panel-mode";

const groups = [
  { id: "general", entries: [{ id: "name" }] },
  { id: "alur-task", entries: [{ id: "alur-roles" }] },
  {
    id: "assignmentDefinition",
    entries: [
      { id: "assignmentDefinitionAssignee" },
      { id: "assignmentDefinitionCandidateGroups" },
      { id: "assignmentDefinitionCandidateUsers" },
    ],
  },
  { id: "Zeebe__ExecutionListeners", entries: [] },
  { id: "headers", entries: [] },
  { id: "inputs", entries: [] },
  { id: "Zeebe__ExtensionProperties", entries: [] },
  { id: "condition", entries: [] },
  { id: "timer", entries: [] },
];

describe("groupsFor", () => {
  it("keeps Alur's groups and what Alur runs in simple mode, without the Camunda-only groups", () => {
    expect(groupsFor("simple", groups, true).map((g) => g.id)).toEqual(["general", "alur-task", "timer"]);
    // without Alur's checked condition, the Camunda one is the only place to write it
    expect(groupsFor("simple", groups, false).map((g) => g.id)).toContain("condition");
  });

  it("shows every group in full mode, with one roles field: Alur's", () => {
    const full = groupsFor("full", groups, true);
    expect(full.map((g) => g.id)).toEqual(groups.map((g) => g.id));
    expect(full.find((g) => g.id === "assignmentDefinition")?.entries.map((e) => e.id)).toEqual([
      "assignmentDefinitionAssignee",
      "assignmentDefinitionCandidateUsers",
    ]);
  });
});
