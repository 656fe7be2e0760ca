/**
 * Incidents of called cases as their parent shows them. A called case reports its open incidents
 * (childIncidentsSignal); the parent keeps them beside its engine state, since the engine sees a
 * call activity only as waiting on its child.
 */
import type { CaseIncident, CaseStateView } from "@alur/shared/schemas";
import { childIncidentId } from "../definitions";

/** A called case's reported incidents in its parent's terms: ids under the child id, the call activity first on the path. */
export function asParentIncidents(childId: string, callElementId: string, incidents: CaseIncident[]): CaseIncident[] {
  return incidents.map((i) => ({
    ...i,
    id: childIncidentId(childId, i.id),
    callPath: [callElementId, ...(i.callPath ?? [])],
  }));
}

/** A case's own view plus its called cases' incidents: a running case holding any of them is in incident. */
export function withChildIncidents(view: CaseStateView, relayed: CaseIncident[]): CaseStateView {
  if (relayed.length === 0) return view;
  return {
    ...view,
    status: view.status === "active" ? "incident" : view.status,
    incidents: [...view.incidents, ...relayed],
  };
}

/** What a called case last reported, to report again only on a change. */
export function incidentsKey(incidents: CaseIncident[]): string {
  return incidents.map((i) => i.id).join(" ");
}
