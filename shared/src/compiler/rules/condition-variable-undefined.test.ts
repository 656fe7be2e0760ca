import { describe, expect, it } from "vitest";
import { conditionVariableUndefined } from "./condition-variable-undefined";
import { ids, runFixture } from "./fixture-support";

describe("condition-variable-undefined", () => {
  it("accepts form fields, output mappings, connector results, case variables and names the expression binds", async () => {
    expect(await runFixture(conditionVariableUndefined, "valid")).toEqual([]);
  });

  it("warns about a condition on a variable nothing sets", async () => {
    // given a condition on "lengkapp" where the form's field is "lengkap"
    const problems = await runFixture(conditionVariableUndefined, "invalid");
    // then it is reported, as a warning
    expect(ids(problems)).toEqual(["typo"]);
    expect(problems[0]?.severity).toBe("warning");
    expect(problems[0]?.message.en).toBe(
      'Flow "Berkas lengkap": its condition reads "lengkapp", which no form field, output mapping or connector sets.',
    );
  });
});
