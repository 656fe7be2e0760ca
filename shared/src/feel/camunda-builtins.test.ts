/** Camunda 8.8's documented examples of the FEEL extensions feelin lacks, through Alur's FEEL wrapper. */
import { describe, expect, it } from "vitest";
import { checkFeelSyntax, evaluateCondition, evaluateFeel } from ".";
import { escapeLineBreaksInStrings } from "./camunda-builtins";

const value = (expression: string, context: Record<string, unknown> = {}) => {
  const result = evaluateFeel(expression, context);
  if (!result.ok) throw new Error(`${expression}: ${result.error}`);
  return result.value;
};

describe("Camunda FEEL extensions", () => {
  it("is defined: false for null and for a missing variable or property", () => {
    expect(value("is defined(1)")).toBe(true);
    expect(value("is defined(null)")).toBe(false);
    expect(value("is defined(x)")).toBe(false);
    expect(value("is defined(x.y)", { x: {} })).toBe(false);
    expect(value("is defined(x.y)", { x: { y: "a" } })).toBe(true);
    expect(evaluateCondition("= is defined(approved) and approved", { approved: true })).toMatchObject({ value: true });
  });

  it("get or else parses as one function and falls back on null", () => {
    expect(checkFeelSyntax('=get or else(priority, "prio-99")')).toEqual({ ok: true });
    expect(value('get or else("this", "default")')).toBe("this");
    expect(value('get or else(null, "default")')).toBe("default");
    expect(value("get or else(null, null)")).toBeNull();
    expect(value('get or else(a, "prio-99")', { a: "prio-1" })).toBe("prio-1");
  });

  it("assert returns the value or fails the evaluation with the cause", () => {
    expect(value("assert(x, x >= 0)", { x: 4 })).toBe(4);
    expect(evaluateFeel("assert(x, x != null)", {})).toMatchObject({ ok: false, error: "The assertion failed" });
    expect(evaluateFeel("assert(b, b >= 0, \"'b' should be positive\")", { b: -1 })).toMatchObject({
      ok: false,
      error: "'b' should be positive",
    });
  });

  it("string extensions: trim, is blank, extract", () => {
    expect(value('trim("  hello world  ")')).toBe("hello world");
    expect(value('is blank("")')).toBe(true);
    expect(value('is blank("  ")')).toBe(true);
    expect(value('is blank("hello world")')).toBe(false);
    expect(value('extract("this is foobar and folbar", "fo[a-z]*")')).toEqual(["foobar", "folbar"]);
    expect(value('extract("nothing", "[")')).toBeNull();
  });

  it("list extensions: is empty, duplicate values, partition", () => {
    expect(value("is empty([])")).toBe(true);
    expect(value("is empty([1,2,3])")).toBe(false);
    expect(value("duplicate values([1,2,3,2,1])")).toEqual([1, 2]);
    expect(value("partition([1,2,3,4,5], 2)")).toEqual([[1, 2], [3, 4], [5]]);
    expect(value("partition([], 2)")).toEqual([]);
  });

  it("last day of month, also in a leap year and for a date and time", () => {
    expect(value('last day of month(date("2022-10-01"))')).toBe("2022-10-31");
    expect(value('last day of month(date("2024-02-10"))')).toBe("2024-02-29");
    expect(value('last day of month(date("2100-02-10"))')).toBe("2100-02-28");
    expect(value('last day of month(date and time("2022-11-15T10:00:00"))')).toBe("2022-11-30");
  });

  it("a variable shadows a built-in of the same name, as in Zeebe", () => {
    expect(value("count", { count: 3 })).toBe(3);
    expect(value("count > 2", { count: 3 })).toBe(true);
    expect(value("trim", { trim: "kept" })).toBe("kept");
    expect(value("count([1,2])")).toBe(2);
  });

  it("accepts a string literal that spans lines", () => {
    const multiLine = '="Yth. Bapak/Ibu,\nberkas Anda lengkap."';
    expect(checkFeelSyntax(multiLine)).toEqual({ ok: true });
    expect(value(multiLine)).toBe("Yth. Bapak/Ibu,\nberkas Anda lengkap.");
    expect(value('"a\\"b\n" + "c"')).toBe('a"b\nc');
  });

  it("leaves quotes inside comments and the rest of the source alone", () => {
    expect(escapeLineBreaksInStrings('a // it\'s "x\n+ "b\nc"')).toBe('a // it\'s "x\n+ "b\\nc"');
    expect(escapeLineBreaksInStrings('/* "\n */ "p\nq"')).toBe('/* "\n */ "p\\nq"');
    expect(escapeLineBreaksInStrings("a +\n b")).toBe("a +\n b");
  });
});
