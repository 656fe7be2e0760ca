/** Shapes that recur across the catalogue, so each service file states only what differs. */
import {
  type FieldDef,
  type FlowDef,
  flow,
  notes,
  notify,
  type ScenarioDef,
  type ScenarioStep,
  type UserTaskDef,
  user,
  yes,
} from "./dsl";

export const START_AT = "2024-10-02T09:00:00+07:00";

/** A front-office (or other) check of the requirement documents, setting `docsComplete`. */
export function checkDocuments(
  id: string,
  name: string,
  roles: string[],
  documents: string[],
  sla?: UserTaskDef["sla"],
  extra: FieldDef[] = [],
): UserTaskDef {
  return user(id, name, {
    roles,
    documents,
    ...(sla ? { sla } : {}),
    fields: [
      yes("docsComplete", "Berkas lengkap dan benar / Documents complete"),
      ...extra,
      { ...notes, key: "kekuranganDokumen", label: "Kekurangan berkas / Missing documents" },
    ],
  });
}

/** Incomplete documents go back to the applicant and the case ends there (walk-in services). */
export function returnToApplicant(
  gateway: string,
  onComplete: string,
  notifyId = "kembalikanBerkas",
  endId = "berkasDikembalikan",
): {
  nodes: [ReturnType<typeof notify>, { kind: "end"; id: string; name: string }];
  flows: FlowDef[];
} {
  return {
    nodes: [
      notify(notifyId, "Kembalikan berkas ke pemohon", "applicant", "Berkas belum lengkap: {{kekuranganDokumen}}"),
      { kind: "end", id: endId, name: "Berkas dikembalikan" },
    ],
    flows: [
      flow(gateway, onComplete, { name: "Lengkap", condition: "=docsComplete = true" }),
      flow(gateway, notifyId, { name: "Belum lengkap", isDefault: true }),
      flow(notifyId, endId),
    ],
  };
}

/** A scenario with the default start time. */
export function scenario(
  name: string,
  description: string,
  steps: ScenarioStep[],
  expect: ScenarioDef["expect"],
  variables: Record<string, unknown> = {},
): ScenarioDef {
  return { name, description, startAt: START_AT, variables, steps, expect };
}

/** A scenario started at another time, with the case due date counted by hand for that start. */
export function startingAt(startAt: string, s: ScenarioDef, caseDueAt?: string): ScenarioDef {
  return { ...s, startAt, expect: { ...s.expect, ...(caseDueAt ? { caseDueAt } : {}) } };
}

/** Completion step shorthand. */
export const done = (
  task: string,
  role: string,
  data: Record<string, unknown> = {},
  expectDueAt?: string,
): ScenarioStep => ({
  complete: task,
  role,
  data,
  ...(expectDueAt ? { expectDueAt } : {}),
});

/** Requirements from a list of quoted names, ids `syarat01`... */
export const requirements = (names: string[], providedBy = "applicant") =>
  names.map((name, i) => ({ id: `syarat${String(i + 1).padStart(2, "0")}`, name, providedBy }));

/** All requirement ids of a list. */
export const ids = (reqs: Array<{ id: string }>): string[] => reqs.map((r) => r.id);
