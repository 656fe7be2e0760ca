import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { unknownConnectorType } from "./unknown-connector-type";

describe("unknown-connector-type", () => {
  it("accepts http, notify and document", async () => {
    expect(await runFixture(unknownConnectorType, "valid")).toEqual([]);
  });

  it("reports unknown and missing connector types", async () => {
    const problems = await runFixture(unknownConnectorType, "invalid");
    expect(ids(problems)).toEqual(["unknown", "missing", "throw"]);
    expect(problems[0]?.message.en).toBe(
      'Unknown connector type "io.camunda:slack:1"; available: http, notify, document, io.camunda:http-json:1.',
    );
  });
});
