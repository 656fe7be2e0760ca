import { describe, expect, it } from "vitest";
import { ids, runFixture } from "./fixture-support";
import { unknownConnectorType } from "./unknown-connector-type";

describe("unknown-connector-type", () => {
  it("accepts http, notify and document", async () => {
    expect(await runFixture(unknownConnectorType, "valid")).toEqual([]);
  });

  it("refuses missing types and Camunda connectors Alur lacks; warns of external job types", async () => {
    // given a Camunda Slack connector, a send task with no type and a custom "fax" job type
    const problems = await runFixture(unknownConnectorType, "invalid");

    // then
    expect(ids(problems)).toEqual(["unknown", "missing", "throw"]);
    expect(problems.map((p) => [p.severity, p.code])).toEqual([
      ["error", "unknown-connector-type"],
      ["error", "unknown-connector-type"],
      ["warning", "external-job-type"],
    ]);
    expect(problems[0]?.message.en).toBe(
      'Unnamed step (unknown): Camunda connector "io.camunda:slack:1" is not available in Alur; available: http, notify, document, io.camunda:http-json:1.',
    );
    expect(problems[2]?.message.en).toContain('done by another application under job code "fax"');
  });
});
