import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";
import { bufferExpiry, openMessageSubscriptions, planMessageNames, subscriptionTakes } from "./messages";

// The applicant may send the missing documents before the office asks for them.
const plan = new PlanBuilder()
  .start("s")
  .userTask("verifikasi")
  .catchEvent("tunggu-berkas", { kind: "message", messageName: "berkas-dilengkapi", correlationKey: "nomor" })
  .userTask("rekomendasi")
  .chain("s", "verifikasi", "tunggu-berkas", "rekomendasi")
  .build();

describe("message buffering", () => {
  it("a message that arrives before its catch event waits and is correlated when the catch event is reached", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });

    // when the message comes while the office still verifies
    const early = driver.message("berkas-dilengkapi", { berkas: ["akta"] }, "LKS-7");

    // then it is accepted as buffered, with a record and an expiry timer one hour later
    expect(early).toMatchObject({ accepted: true, buffered: true });
    expect(driver.records("messageBuffered")).toMatchObject([
      { data: { name: "berkas-dilengkapi", correlationKey: "LKS-7", expiresAt: "2026-03-02T03:00:00.000Z" } },
    ]);
    const [expiry] = driver.commands("startTimer");
    expect(expiry?.fireAt).toBe("2026-03-02T03:00:00.000Z");

    // when the catch event opens its subscription
    driver.at("2026-03-02T09:30:00+07:00").completeTask("verifikasi");

    // then the buffered message correlates at once, its timer is cancelled and its payload arrives
    expect(driver.openTaskElements()).toEqual(["rekomendasi"]);
    expect(driver.variables.berkas).toEqual(["akta"]);
    expect(driver.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: expiry?.timerId }]);
    expect(driver.records("messageCorrelated")).toMatchObject([
      { data: { name: "berkas-dilengkapi", bufferedSince: "2026-03-02T09:00:00+07:00" } },
    ]);
    expect(driver.state.messages).toEqual([]);
  });

  it("a buffered message expires after its time-to-live, is dropped with a record and no longer correlates", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    driver.message("berkas-dilengkapi", {}, "LKS-7");

    // when its expiry timer fires
    const fired = driver.fireTimer();

    // then
    expect(fired.accepted).toBe(true);
    expect(driver.records("messageExpired")).toMatchObject([{ data: { name: "berkas-dilengkapi" } }]);
    driver.completeTask("verifikasi");
    expect(driver.openTaskElements()).toEqual([]);
    expect(caseView(driver.state).activeElements).toEqual(["tunggu-berkas"]);
  });

  it("an expired message is dropped by the next event even if its timer has not come back yet", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    driver.message("berkas-dilengkapi", {}, "LKS-7");
    driver.at("2026-03-02T11:00:00+07:00").completeTask("verifikasi");
    expect(driver.records("messageExpired")).toHaveLength(1);
    expect(driver.records("messageCorrelated")).toHaveLength(0);
    // its timer is cancelled rather than left to fire
    expect(driver.commands("cancelTimer")).toHaveLength(1);
  });

  it("the time-to-live comes from the event or the case; PT0S means correlate now or never", () => {
    const driver = new CaseDriver(plan, { messageTtl: "P14D" });
    driver.start({ nomor: "LKS-7" });
    driver.message("berkas-dilengkapi", {}, "LKS-7");
    expect(driver.commands("startTimer")[0]?.fireAt).toBe("2026-03-16T02:00:00.000Z");
    const now = driver.send({
      type: "messageReceived",
      name: "berkas-dilengkapi",
      correlationKey: "LKS-7",
      payload: {},
      at: driver.now,
      timeToLive: "PT0S",
    });
    expect(now.accepted).toBe(false);
    expect(driver.state.messages).toHaveLength(1);
  });

  it("a message handed down by a parent case keeps the expiry the parent answered with", () => {
    // given a called case whose catch event is not reached yet
    const driver = new CaseDriver(plan, { messageTtl: "P14D" });
    driver.start({ nomor: "LKS-7" });
    const handedDown = (expiresAt: string) =>
      driver.send({
        type: "messageReceived",
        name: "berkas-dilengkapi",
        correlationKey: "LKS-7",
        payload: {},
        at: driver.now,
        expiresAt,
      });

    // when the parent hands a message down with its expiry, then it is buffered until exactly then
    expect(handedDown("2026-03-02T02:30:00.000Z")).toMatchObject({ accepted: true, buffered: true });
    expect(driver.state.messages?.map((m) => m.expiresAt)).toEqual(["2026-03-02T02:30:00.000Z"]);
    expect(driver.commands("startTimer").at(-1)?.fireAt).toBe("2026-03-02T02:30:00.000Z");

    // when one arrives after its expiry passed on the way, then it is not kept
    expect(handedDown("2026-03-02T01:00:00.000Z").accepted).toBe(false);
    expect(driver.state.messages).toHaveLength(1);
  });

  it("bufferExpiry gives the expiry receiveMessage would use, or null when it would not buffer", () => {
    const driver = new CaseDriver(plan, { messageTtl: "P14D" });
    expect(bufferExpiry(driver.state, "2026-03-02T02:00:00.000Z")).toBe("2026-03-16T02:00:00.000Z");
    expect(bufferExpiry(driver.state, "2026-03-02T02:00:00.000Z", "PT5M")).toBe("2026-03-02T02:05:00.000Z");
    expect(bufferExpiry(driver.state, "2026-03-02T02:00:00.000Z", "PT0S")).toBeNull();
    const { messageTtl: _, ...before } = driver.state;
    expect(bufferExpiry(before, "2026-03-02T02:00:00.000Z")).toBeNull();
  });

  it("planMessageNames lists every name a running case can wait for, once, but not a process-level start's", () => {
    const named = new PlanBuilder()
      .start("s", { eventDefinition: { kind: "message", messageName: "permohonan" } })
      .node({ type: "receiveTask", id: "terima", messageName: "berkas-dilengkapi" })
      .catchEvent("tunggu", { kind: "message", messageName: "berkas-dilengkapi" })
      .catchEvent("sk", { kind: "message", messageName: "skProvinsi" })
      .chain("s", "terima", "tunggu", "sk")
      .build();
    expect(planMessageNames(named).sort()).toEqual(["berkas-dilengkapi", "skProvinsi"]);
    expect(planMessageNames(plan)).toEqual(["berkas-dilengkapi"]);
  });

  it("only names the plan can catch are buffered; unknown names are rejected", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    const result = driver.message("pesan-lain", {}, "LKS-7");
    expect(result.accepted).toBe(false);
    expect(result.buffered).toBeUndefined();
    expect(driver.state.messages).toEqual([]);
  });

  it("a name only a process-level message start event uses is not buffered: it starts cases, never waits", () => {
    const started = new PlanBuilder()
      .start("s", { eventDefinition: { kind: "message", messageName: "permohonan-baru" } })
      .userTask("a")
      .chain("s", "a")
      .build();
    const driver = new CaseDriver(started);
    driver.start();
    expect(driver.message("permohonan-baru").accepted).toBe(false);
  });

  it("a buffered message with another key waits for a subscription with that key only", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    driver.message("berkas-dilengkapi", { dari: "lain" }, "LKS-8");
    driver.message("berkas-dilengkapi", { dari: "ini" }, "LKS-7");
    driver.completeTask("verifikasi");
    expect(driver.variables.dari).toBe("ini");
    expect(driver.state.messages?.map((m) => m.correlationKey)).toEqual(["LKS-8"]);
  });

  it("one buffered message correlates once: the oldest matching message goes to the first subscription", () => {
    // given two messages before a loop that waits twice
    const loop = new PlanBuilder()
      .start("s")
      .userTask("mulai")
      .catchEvent("tunggu", { kind: "message", messageName: "laporan" })
      .gateway("lagi", "exclusiveGateway", { defaultFlow: "lagi->e" })
      .end("e")
      .chain("s", "mulai", "tunggu", "lagi")
      .flow("lagi", "tunggu", "count(laporan) < 2")
      .flow("lagi", "e", undefined, "lagi->e")
      .build();
    const driver = new CaseDriver(loop);
    driver.start({ laporan: [] });
    driver.message("laporan", { laporan: ["pertama"] });
    driver.message("laporan", { laporan: ["pertama", "kedua"] });

    // when
    driver.completeTask("mulai");

    // then both were used, in order, each once
    expect(driver.finished?.status).toBe("completed");
    expect(driver.variables.laporan).toEqual(["pertama", "kedua"]);
    expect(driver.records("messageCorrelated")).toHaveLength(2);
  });

  it("buffered messages reach boundary events, event-gateway branches and event-subprocess starts", () => {
    const gatewayPlan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .gateway("g", "eventBasedGateway")
      .catchEvent("pesan", { kind: "message", messageName: "keputusan" })
      .catchEvent("batas", { kind: "timer", timer: { type: "duration", value: { kind: "literal", value: "P1D" } } })
      .userTask("setelah-pesan")
      .userTask("setelah-batas")
      .chain("s", "a", "g")
      .chain("g", "pesan", "setelah-pesan")
      .chain("g", "batas", "setelah-batas")
      .build();
    const viaGateway = new CaseDriver(gatewayPlan);
    viaGateway.start();
    viaGateway.message("keputusan", { ok: true });
    viaGateway.completeTask("a");
    expect(viaGateway.openTaskElements()).toEqual(["setelah-pesan"]);
    expect(viaGateway.liveTimers()).toEqual([]);

    const boundaryPlan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .userTask("b")
      .boundary("dicabut", "b", { kind: "message", messageName: "cabut" })
      .userTask("arsip")
      .chain("s", "a", "b")
      .chain("dicabut", "arsip")
      .build();
    const viaBoundary = new CaseDriver(boundaryPlan);
    viaBoundary.start();
    viaBoundary.message("cabut");
    viaBoundary.completeTask("a");
    expect(viaBoundary.openTaskElements()).toEqual(["arsip"]);
    expect(viaBoundary.commands("closeTask").at(-1)).toMatchObject({ status: "cancelled" });

    const espPlan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .subProcess("sub")
      .start("ss", { scope: "sub" })
      .userTask("kerja", { scope: "sub" })
      .chain("ss", "kerja")
      .subProcess("tanya", { scope: "sub", triggeredByEvent: true })
      .start("ts", {
        scope: "tanya",
        isInterrupting: false,
        eventDefinition: { kind: "message", messageName: "tanya" },
      })
      .userTask("jawab", { scope: "tanya" })
      .chain("ts", "jawab")
      .chain("s", "a", "sub")
      .build();
    const viaEventSubProcess = new CaseDriver(espPlan);
    viaEventSubProcess.start();
    viaEventSubProcess.message("tanya");
    viaEventSubProcess.completeTask("a");
    expect(viaEventSubProcess.openTaskElements().sort()).toEqual(["jawab", "kerja"]);
  });

  it("buffered messages are discarded with their timers when the case ends", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    driver.message("berkas-dilengkapi", {}, "LKS-8");
    driver.send({ type: "cancel", reason: "ditarik", at: driver.now });
    expect(driver.state.messages).toEqual([]);
    expect(driver.commands("cancelTimer")).toHaveLength(1);
  });

  it("a state saved before buffering existed (no messageTtl) keeps the old behaviour, replaying unchanged", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomor: "LKS-7" });
    const { messages: _messages, messageTtl: _ttl, ...old } = driver.state;
    driver.state = old;
    expect(driver.message("berkas-dilengkapi", {}, "LKS-7")).toMatchObject({ accepted: false });
    // an explicit time-to-live on the message still buffers it
    const explicit = driver.send({
      type: "messageReceived",
      name: "berkas-dilengkapi",
      correlationKey: "LKS-7",
      payload: {},
      at: driver.now,
      timeToLive: "PT1H",
    });
    expect(explicit.buffered).toBe(true);
  });

  it("a case started with messageTtl PT0S never buffers", () => {
    const driver = new CaseDriver(plan, { messageTtl: "PT0S" });
    driver.start({ nomor: "LKS-7" });
    expect(driver.message("berkas-dilengkapi", {}, "LKS-7").accepted).toBe(false);
  });
});

describe("open message subscriptions (what a called case reports to its parent)", () => {
  it("lists the name and evaluated key of each waiting catch event and boundary, and drops them when they close", () => {
    // given a case whose task can be withdrawn by a message and which then waits for documents by key
    const reported = new PlanBuilder()
      .start("s")
      .userTask("a")
      .boundary("dicabut", "a", { kind: "message", messageName: "cabut" })
      .catchEvent("tunggu", { kind: "message", messageName: "berkas-dilengkapi", correlationKey: "nomor" })
      .end("e")
      .end("batal")
      .chain("s", "a", "tunggu", "e")
      .chain("dicabut", "batal")
      .build();
    const driver = new CaseDriver(reported);

    // when the task opens, then the boundary's subscription (no key) is open
    driver.start({ nomor: "LKS-9" });
    expect(openMessageSubscriptions(driver.state)).toEqual([{ name: "cabut", correlationKey: null }]);

    // when the task is done, then only the catch event waits, under the key its expression gave
    driver.completeTask("a");
    expect(openMessageSubscriptions(driver.state)).toEqual([{ name: "berkas-dilengkapi", correlationKey: "LKS-9" }]);

    // when the message comes, then nothing is open any more
    driver.message("berkas-dilengkapi", {}, "LKS-9");
    expect(openMessageSubscriptions(driver.state)).toEqual([]);
    expect(driver.finished?.status).toBe("completed");
  });

  it("a subscription without a key takes any key; one with a key takes only that key", () => {
    expect(subscriptionTakes({ name: "cabut", correlationKey: null }, "cabut", "K-1")).toBe(true);
    expect(subscriptionTakes({ name: "cabut", correlationKey: "K-1" }, "cabut", "K-1")).toBe(true);
    expect(subscriptionTakes({ name: "cabut", correlationKey: "K-1" }, "cabut", "K-2")).toBe(false);
    expect(subscriptionTakes({ name: "cabut", correlationKey: "K-1" }, "cabut", null)).toBe(false);
    expect(subscriptionTakes({ name: "cabut", correlationKey: null }, "tanya", null)).toBe(false);
  });
});

describe("a buffered message handed down to a called case that starts waiting for it", () => {
  // The office itself may wait for the decree after the called process (a second copy); the
  // called process checks the documents first, then waits for the decree itself.
  const parentPlan = new PlanBuilder()
    .start("s")
    .node({
      type: "callActivity",
      id: "periksa-lalu-tunggu-sk",
      calledProcess: { kind: "literal", value: "periksa-tunggu-sk" },
      propagateAllChildVariables: true,
    })
    .catchEvent("sk-salinan", { kind: "message", messageName: "skProvinsi", correlationKey: "nik" })
    .end("e")
    .chain("s", "periksa-lalu-tunggu-sk", "sk-salinan", "e")
    .build();
  const sk = (correlationKey: string | null) => ({ name: "skProvinsi", correlationKey });

  const startedParent = () => {
    const parent = new CaseDriver(parentPlan, { messageTtl: "P14D" });
    parent.start({ nik: "3216" });
    const childId = parent.commands("startChild")[0]?.childId ?? "";
    return { parent, childId };
  };
  const subscribed = (
    parent: CaseDriver,
    childId: string,
    subscriptions: { name: string; correlationKey: string | null }[],
  ) => parent.send({ type: "childSubscribed", childId, subscriptions, at: parent.now });

  it("the called case's subscription takes the message the case buffered, with its expiry; the buffer and its timer are cleared", () => {
    // given the decree arrived while the called case still checks documents, so the case kept it
    const { parent, childId } = startedParent();
    expect(parent.message("skProvinsi", { nomorSk: "465/2026" }, "3216")).toMatchObject({ buffered: true });
    const [expiry] = parent.commands("startTimer");

    // when the called case reports it now waits for the decree under that key
    parent.at("2026-03-03T10:00:00+07:00");
    const result = subscribed(parent, childId, [sk("3216")]);

    // then the message is handed down once, with the expiry the sender was answered with
    expect(result.accepted).toBe(true);
    expect(parent.commands("passMessage")).toEqual([
      {
        type: "passMessage",
        childId,
        name: "skProvinsi",
        correlationKey: "3216",
        payload: { nomorSk: "465/2026" },
        expiresAt: "2026-03-16T02:00:00.000Z",
      },
    ]);
    expect(parent.state.messages).toEqual([]);
    expect(parent.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: expiry?.timerId }]);
    expect(parent.records("messageHandedDown")).toMatchObject([
      {
        elementId: "periksa-lalu-tunggu-sk",
        data: { name: "skProvinsi", correlationKey: "3216", childId, bufferedSince: "2026-03-02T09:00:00+07:00" },
      },
    ]);

    // and a later report of the same subscription finds nothing left to hand down
    expect(subscribed(parent, childId, [sk("3216")]).accepted).toBe(false);
    expect(parent.commands("passMessage")).toHaveLength(1);
  });

  it("one message per subscription, the oldest it takes; another key stays with the case", () => {
    // given three decrees kept by the case: two for this applicant, one for another
    const { parent, childId } = startedParent();
    parent.message("skProvinsi", { nomorSk: "1" }, "3216");
    parent.at("2026-03-02T09:05:00+07:00").message("skProvinsi", { nomorSk: "2" }, "9999");
    parent.at("2026-03-02T09:10:00+07:00").message("skProvinsi", { nomorSk: "3" }, "3216");

    // when the called case waits under this applicant's key
    subscribed(parent, childId, [sk("3216")]);

    // then only the oldest matching decree goes down; the others stay buffered
    expect(parent.commands("passMessage").map((c) => c.payload)).toEqual([{ nomorSk: "1" }]);
    expect(parent.state.messages?.map((m) => m.payload)).toEqual([{ nomorSk: "2" }, { nomorSk: "3" }]);

    // when it also waits for a decree under any key, then that subscription takes the oldest left
    subscribed(parent, childId, [sk(null)]);
    expect(parent.commands("passMessage").map((c) => c.payload)).toEqual([{ nomorSk: "1" }, { nomorSk: "2" }]);

    // and a subscription under a key no kept message has, or of another name, takes nothing
    expect(subscribed(parent, childId, [sk("1111"), { name: "cabut", correlationKey: null }]).accepted).toBe(false);
    expect(parent.state.messages?.map((m) => m.payload)).toEqual([{ nomorSk: "3" }]);
  });

  it("an expired message is dropped, not handed down", () => {
    // given a decree kept for five minutes only
    const { parent, childId } = startedParent();
    parent.send({
      type: "messageReceived",
      name: "skProvinsi",
      correlationKey: "3216",
      payload: {},
      at: parent.now,
      timeToLive: "PT5M",
    });

    // when the called case starts waiting after those five minutes, before the expiry timer came back
    parent.at("2026-03-02T09:06:00+07:00");
    subscribed(parent, childId, [sk("3216")]);

    // then nothing is handed down, and its expiry timer drops it as before
    expect(parent.commands("passMessage")).toEqual([]);
    parent.fireTimer();
    expect(parent.records("messageExpired")).toMatchObject([{ data: { name: "skProvinsi" } }]);
    expect(parent.state.messages).toEqual([]);
  });

  it("a report from a called case that no longer runs hands nothing down", () => {
    const { parent } = startedParent();
    parent.message("skProvinsi", {}, "3216");
    expect(subscribed(parent, "k1-c999", [sk("3216")]).accepted).toBe(false);
    expect(parent.state.messages).toHaveLength(1);
    expect(parent.commands("passMessage")).toEqual([]);
  });
});
