import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { CalledCases } from "./called-cases";

// The office calls the provincial check, and may itself wait for a withdrawal meanwhile.
const plan = new PlanBuilder()
  .start("s")
  .node({
    type: "callActivity",
    id: "periksa-provinsi",
    calledProcess: { kind: "literal", value: "periksa-provinsi" },
    propagateAllChildVariables: true,
  })
  .end("e")
  .chain("s", "periksa-provinsi", "e")
  .build();

const sk = (correlationKey: string | null) => ({ name: "skProvinsi", correlationKey });
const incident = {
  id: "x1",
  elementId: "kirim-sk",
  code: "connector-failed",
  message: "timeout",
  at: "2026-03-02T02:00:00Z",
};

function running() {
  const parent = new CaseDriver(plan, { messageTtl: "P14D" });
  parent.start({ nik: "3216" });
  const childId = parent.commands("startChild")[0]?.childId ?? "";
  const called = new CalledCases();
  called.started(childId, "periksa-provinsi");
  return { parent, childId, called };
}

const message = (parent: CaseDriver, correlationKey: string) =>
  ({ type: "messageReceived", name: "skProvinsi", correlationKey, payload: {}, at: parent.now }) as const;

describe("CalledCases: a parent's bookkeeping of its running called cases", () => {
  it("shows a called case's incident on the parent (status incident, id routed under the child) until it ends", () => {
    const { parent, childId, called } = running();

    // when the called case reports an incident
    expect(called.incidentsReported(childId, [incident])).toBe(true);

    // then the parent shows it under the call activity and is in incident
    const view = called.view({
      caseId: "k1",
      status: "active",
      openTasks: [],
      activeElements: [],
      variables: {},
      incidents: [],
    });
    expect(view.status).toBe("incident");
    expect(view.incidents).toEqual([{ ...incident, id: `${childId}.x1`, callPath: ["periksa-provinsi"] }]);
    expect(called.changed).toBe(true);

    // when the called case ends, its incidents go with it, and the change is flagged again
    called.changed = false;
    called.forget(childId);
    expect(called.changed).toBe(true);
    expect(called.view({ ...view, status: "active", incidents: [] }).status).toBe("active");
    expect(parent.state.status).toBe("active");
  });

  it("drops reports that arrive after their called case ended (stale), without flagging a change", () => {
    const { childId, called } = running();
    called.forget(childId);
    called.changed = false;

    expect(called.incidentsReported(childId, [incident])).toBe(false);
    expect(called.subscriptionsReported(childId, [sk("3216")])).toBeNull();
    expect(called.changed).toBe(false);
  });

  it("routes a message to the called case that reported a subscription for its key, and answers correlated", () => {
    const { parent, childId, called } = running();
    expect(called.subscriptionsReported(childId, [sk("3216")], ["skProvinsi"])).toEqual([sk("3216")]);

    expect(called.route(parent.state, message(parent, "3216"), false)).toEqual({
      childId,
      expiresAt: null,
      answer: { buffered: false },
    });
  });

  it("hands a message nobody waits for yet to a called case that can buffer its name, with the case's expiry", () => {
    const { parent, childId, called } = running();
    called.subscriptionsReported(childId, [], ["skProvinsi"]);

    const delivery = called.route(parent.state, message(parent, "9999"), false);

    // 14 days from now: the parent's message time-to-live
    expect(delivery).toMatchObject({ childId, answer: { buffered: true } });
    expect(delivery?.expiresAt).toBe(delivery?.answer.expiresAt);
    expect(Date.parse(delivery?.expiresAt ?? "") - Date.parse(parent.now)).toBe(14 * 24 * 3600 * 1000);
    // the parent's own plan can buffer the name: it keeps the message itself
    expect(called.route(parent.state, message(parent, "9999"), true)).toBeNull();
  });

  it("offers buffered messages only to subscriptions a report newly opened", () => {
    const { childId, called } = running();
    expect(called.subscriptionsReported(childId, [sk("1")])).toEqual([sk("1")]);
    expect(called.subscriptionsReported(childId, [sk("1"), sk("2")])).toEqual([sk("2")]);
    expect(called.subscriptionsReported(childId, [sk("1"), sk("2")])).toEqual([]);
  });

  it("reports upward its own subscriptions and its called cases', and a new key only when they changed", () => {
    const { parent, childId, called } = running();
    const before = called.messageReport(parent.state, ["permohonanDicabut"], true);
    called.subscriptionsReported(childId, [sk("3216")], ["skProvinsi"]);
    const after = called.messageReport(parent.state, ["permohonanDicabut"], true);

    expect(after.subscriptions).toEqual([sk("3216")]);
    expect(after.messageNames).toEqual(["permohonanDicabut", "skProvinsi"]);
    expect(after.key).not.toBe(before.key);
    expect(called.messageReport(parent.state, ["permohonanDicabut"], true).key).toBe(after.key);
    // without names (histories from before names existed) the key leaves them out
    expect(called.messageReport(parent.state, ["permohonanDicabut"], false).messageNames).toEqual([]);
  });
});
