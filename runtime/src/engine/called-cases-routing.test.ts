import { describe, expect, it } from "vitest";
import {
  openedSubscriptions,
  reportedMessageNames,
  reportedSubscriptions,
  routeMessage,
  subscriptionsKey,
} from "./called-cases";
import type { MessageSubscription } from "./types";

const sk = (correlationKey: string | null): MessageSubscription => ({ name: "skProvinsi", correlationKey });
const withdrawn: MessageSubscription = { name: "permohonanDicabut", correlationKey: null };

describe("routing a message between a case and its called cases", () => {
  it("goes to the called case that reported a subscription with the message's name and key", () => {
    // given two running called cases waiting for the decree, each under its own key
    const children = [
      ["k1-c2", [sk("3216015505800001")]],
      ["k1-c3", [sk("3216015505800002")]],
    ] as const;

    // then each key reaches its own called case, and an unknown key none
    expect(routeMessage([], children, "skProvinsi", "3216015505800002")).toEqual({ to: "child", childId: "k1-c3" });
    expect(routeMessage([], children, "skProvinsi", "3216015505800001")).toEqual({ to: "child", childId: "k1-c2" });
    expect(routeMessage([], children, "skProvinsi", "3216019999999999")).toEqual({ to: "case" });
    expect(routeMessage([], children, "skProvinsi", null)).toEqual({ to: "case" });
  });

  it("the case's own subscription comes first, then the called case started first", () => {
    // given the case itself and two called cases all take a withdrawal without a key
    const children = [
      ["k1-c2", [withdrawn]],
      ["k1-c3", [withdrawn]],
    ] as const;

    // then the case's own engine takes it while it waits for it, else the first called case
    expect(routeMessage([withdrawn], children, "permohonanDicabut", "X")).toEqual({ to: "case" });
    expect(routeMessage([], children, "permohonanDicabut", "X")).toEqual({ to: "child", childId: "k1-c2" });
  });

  it("with nothing waiting anywhere the case takes it (to buffer it or say no step can receive it)", () => {
    expect(routeMessage([], [], "skProvinsi", "1")).toEqual({ to: "case" });
    expect(routeMessage([], [["k1-c2", []]], "skProvinsi", "1")).toEqual({ to: "case" });
  });
});

describe("routing a message no step waits for yet", () => {
  it("goes to a called case that can buffer its name when the case's own plan cannot", () => {
    // given a called case checking documents before it waits for the decree, and one that never waits for it
    const children = [
      ["k1-c2", [], ["permohonanDicabut"]],
      ["k1-c3", [], ["skProvinsi"]],
    ] as const;

    // then the decree goes to the called case that can buffer it, any key, to keep it there
    expect(routeMessage([], children, "skProvinsi", "3216")).toEqual({ to: "child", childId: "k1-c3", buffered: true });
    expect(routeMessage([], children, "skProvinsi", null)).toEqual({ to: "child", childId: "k1-c3", buffered: true });
    // and a name no one can buffer stays with the case, which says no step can receive it
    expect(routeMessage([], children, "lainnya", "3216")).toEqual({ to: "case" });
  });

  it("a called case waiting for it now comes first; then the case itself if its own plan can buffer the name", () => {
    // given one called case that can buffer the decree and a later one waiting for it under key 3216
    const children = [
      ["k1-c2", [], ["skProvinsi"]],
      ["k1-c3", [sk("3216")], ["skProvinsi"]],
    ] as const;

    // then the waiting one takes it now, whatever the case's own plan catches
    expect(routeMessage([], children, "skProvinsi", "3216", true)).toEqual({ to: "child", childId: "k1-c3" });
    // and another key is buffered by the case itself when its plan catches the name, else by the first called case
    expect(routeMessage([], children, "skProvinsi", "9999", true)).toEqual({ to: "case" });
    expect(routeMessage([], children, "skProvinsi", "9999", false)).toEqual({
      to: "child",
      childId: "k1-c2",
      buffered: true,
    });
  });
});

describe("what a called case reports to its parent", () => {
  it("its own subscriptions and its called cases', each name and key once, so the parent can route to a grandchild", () => {
    // given a middle case waiting for a withdrawal whose called case waits for the decree (and a withdrawal)
    const reported = reportedSubscriptions([withdrawn], [[sk("3216"), withdrawn]]);

    // then it reports both, once each
    expect(reported).toEqual([withdrawn, sk("3216")]);
    // and a top case routes the decree to the middle case, which routes it on to its own called case
    expect(routeMessage([], [["k1-c2", reported]], "skProvinsi", "3216")).toEqual({ to: "child", childId: "k1-c2" });
    expect(routeMessage([withdrawn], [["k1-c2-c4", [sk("3216"), withdrawn]]], "skProvinsi", "3216")).toEqual({
      to: "child",
      childId: "k1-c2-c4",
    });
  });

  it("the names it can buffer: its plan's and its called cases', each once, in a stable order", () => {
    expect(reportedMessageNames(["skProvinsi", "permohonanDicabut"], [["skProvinsi"], ["berkasLengkap"]])).toEqual([
      "berkasLengkap",
      "permohonanDicabut",
      "skProvinsi",
    ]);
    expect(reportedMessageNames([], [])).toEqual([]);
  });

  it("is reported again only when its subscriptions or names changed; without names the key is as before names existed", () => {
    expect(subscriptionsKey([], [])).toBe("");
    expect(subscriptionsKey([sk("1")], [])).toBe(subscriptionsKey([sk("1")]));
    expect(subscriptionsKey([], ["skProvinsi"])).not.toBe("");
    expect(subscriptionsKey([sk("1")], ["skProvinsi"])).not.toBe(subscriptionsKey([sk("1")]));
    expect(subscriptionsKey([], ["skProvinsi"])).not.toBe(subscriptionsKey([], ["permohonanDicabut"]));
  });

  it("is reported again only when it changed; nothing open is the same as never reported", () => {
    expect(subscriptionsKey([])).toBe("");
    expect(subscriptionsKey([sk("1")])).toBe(subscriptionsKey(reportedSubscriptions([sk("1")], [[sk("1")]])));
    expect(subscriptionsKey([sk("1")])).not.toBe(subscriptionsKey([sk("2")]));
    expect(subscriptionsKey([sk(null)])).not.toBe(subscriptionsKey([sk("null")]));
  });
});

describe("what a parent offers its buffered messages to", () => {
  it("only the subscriptions a called case's report newly holds, so each open subscription is offered once", () => {
    // given a called case that reported it waits for a withdrawal
    const before = [withdrawn];

    // then a decree subscription opening next to it is new; the withdrawal is not offered again
    expect(openedSubscriptions(before, [withdrawn, sk("3216")])).toEqual([sk("3216")]);
    expect(openedSubscriptions([], [withdrawn, sk(null)])).toEqual([withdrawn, sk(null)]);
    // a key is part of the subscription: the same name under a new key is new
    expect(openedSubscriptions([sk("3216")], [sk("9999")])).toEqual([sk("9999")]);
    // and closing subscriptions opens nothing
    expect(openedSubscriptions([withdrawn, sk("3216")], [withdrawn])).toEqual([]);
  });
});
