import type { CaseIncident, CaseStateView } from "@alur/shared/schemas";
import { describe, expect, it } from "vitest";
import { caseWorkflowId, childWorkflowId, incidentRoute } from "../temporal/definitions";
import { asParentIncidents, withChildIncidents } from "./called-cases";

const CASE = "0b6f6c1e-3f7a-4a53-9d43-6a1f0c2a9e11";
const outage: CaseIncident = {
  id: "x7",
  elementId: "cekDtks",
  code: "connector-failed",
  message: "HTTP 500",
  at: "2027-03-01T02:00:00.000Z",
};
const running: CaseStateView = {
  caseId: CASE,
  status: "active",
  openTasks: [],
  activeElements: ["panggil"],
  variables: {},
  incidents: [],
};

describe("called cases' incidents in the parent", () => {
  it("a grandchild's incident reaches the top case under a unique id that routes back to the grandchild", () => {
    // given the grandchild's own incident, reported by its parent (the child) and then by the top case
    const inChild = asParentIncidents(`${CASE}-c4`, "verifikasi", [outage]);
    const inTop = asParentIncidents(`${CASE}-c2`, "panggil", inChild);

    // then the top case names the call activities on the way down
    expect(inTop).toEqual([{ ...outage, id: `${CASE}-c2.${CASE}-c4.x7`, callPath: ["panggil", "verifikasi"] }]);

    // and its id routes to the grandchild's workflow (the id scheme bpmnProcess starts children with)
    const route = incidentRoute(inTop[0]!.id);
    expect(route).toEqual({ childPath: [`${CASE}-c2`, `${CASE}-c4`], incidentId: "x7" });
    expect(childWorkflowId(CASE, route.childPath.join("/"))).toBe(`${caseWorkflowId(CASE)}/${CASE}-c2/${CASE}-c4`);
  });

  it("a case's own incident routes to the case itself", () => {
    expect(incidentRoute("x3")).toEqual({ childPath: [], incidentId: "x3" });
  });

  it("a running case holding a called case's incident is in incident; without any it stays as it is", () => {
    // given a running case whose call activity's child holds an incident
    const relayed = asParentIncidents(`${CASE}-c2`, "panggil", [outage]);

    // then its view shows the incident and the status
    const merged = withChildIncidents(running, relayed);
    expect(merged.status).toBe("incident");
    expect(merged.incidents.map((i) => i.id)).toEqual([`${CASE}-c2.x7`]);

    // and once the child reports none, the view is its own again
    expect(withChildIncidents(running, [])).toEqual(running);
  });

  it("keeps the case's own incidents first and a finished status as it is", () => {
    // given a case with its own incident and a called case's
    const own = { ...outage, id: "x1", elementId: "hitung" };
    const relayed = asParentIncidents(`${CASE}-c2`, "panggil", [outage]);

    // then both show, its own first
    const merged = withChildIncidents({ ...running, status: "incident", incidents: [own] }, relayed);
    expect(merged.incidents.map((i) => i.id)).toEqual(["x1", `${CASE}-c2.x7`]);
    expect(merged.status).toBe("incident");

    // and a status other than active is not turned into incident
    expect(withChildIncidents({ ...running, status: "cancelled" }, relayed).status).toBe("cancelled");
  });
});
