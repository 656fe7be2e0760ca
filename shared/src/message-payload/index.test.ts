import { describe, expect, it } from "vitest";
import type { ExecutionPlan } from "../plan";
import { feelNames, messagePayloadKeys, refusedMessageKeys } from ".";

const node = (id: string, extra: Record<string, unknown>) => ({
  id,
  scope: null,
  incoming: [],
  outgoing: [],
  pausesClock: false,
  ...extra,
});

const plan = {
  planVersion: 1,
  processId: "p",
  nodes: {
    mapped: node("mapped", {
      type: "receiveTask",
      messageName: "sk",
      io: {
        inputs: [],
        outputs: [
          { source: 'if nomor != null then nomor else "-"', target: "nomorSk" },
          { source: "tanggal", target: "sk.tanggal" },
        ],
      },
    }),
    bare: node("bare", { type: "receiveTask", messageName: "tanpa" }),
    start: node("start", { type: "startEvent", eventDefinition: { kind: "message", messageName: "mulai" } }),
  },
  flows: {},
  boundaries: {},
  forms: {},
} as unknown as ExecutionPlan;

describe("message payload keys", () => {
  it("reads the head of every path a FEEL source uses, not words, strings or one-word functions", () => {
    expect(feelNames('if string length(a.b) = "x y" then c else d[1]')).toEqual(["string", "a", "c", "d"]);
  });

  it("allows what the output mappings of the steps taking the name read and set", () => {
    expect([...(messagePayloadKeys([plan], "sk") ?? [])].sort()).toEqual(["nomor", "nomorSk", "sk", "tanggal"]);
    expect(refusedMessageKeys([plan], "sk", { nomor: "1", applicant: { name: "Palsu" } })).toEqual(["applicant"]);
  });

  it("allows nothing for a step without output mappings but the extra keys", () => {
    expect(refusedMessageKeys([plan], "tanpa", { status: "x", documents: [] }, ["documents"])).toEqual(["status"]);
  });

  it("leaves a name no step takes (a process-level start included) to the delivery", () => {
    expect(messagePayloadKeys([plan], "mulai")).toBeUndefined();
    expect(refusedMessageKeys([plan], "lain", { x: 1 })).toEqual([]);
  });
});
