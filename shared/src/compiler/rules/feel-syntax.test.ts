import { describe, expect, it } from "vitest";
import { explainFeelError, feelSyntax } from "./feel-syntax";
import { ids, runFixture } from "./fixture-support";

describe("feel-syntax", () => {
  it("accepts valid FEEL and leaves static values alone", async () => {
    expect(await runFixture(feelSyntax, "valid")).toEqual([]);
  });

  it("reports each broken expression with its position, quoting the offending text", async () => {
    const problems = await runFixture(feelSyntax, "invalid");
    expect(ids(problems).sort()).toEqual(["due", "f", "m", "script", "t", "users"]);
    expect(problems.find((p) => p.elementId === "users")?.message.en).toContain("(candidate users)");
    expect(problems.find((p) => p.elementId === "due")?.message.en).toContain("(due date)");
    const input = problems.find((p) => p.elementId === "t");
    expect(input?.position).toEqual({ from: 2, to: 3 });
    expect(input?.message).toEqual({
      id: 'Langkah tanpa nama (t): Sintaks FEEL salah di ")" (pemetaan masukan "a"): bagian ini tidak dikenali. Ekspresi: =a ) b',
      en: 'Unnamed step (t): FEEL syntax error at ")" (input mapping "a"): this part is not understood. Expression: =a ) b',
    });
    expect(problems.find((p) => p.elementId === "f")?.message.id).toMatch(
      /^Alur tanpa nama \(f\): Sintaks FEEL salah di akhir "r >" \(kondisi\): ekspresi berhenti sebelum selesai/,
    );
  });
});

describe("explainFeelError", () => {
  it("says what FEEL writes instead of operators from other languages", () => {
    expect(
      explainFeelError("= lengkap && umur > 17", { error: 'Unrecognized token "&&"', position: { from: 8, to: 10 } }),
    ).toEqual({
      at: { id: '"&&"', en: '"&&"' },
      why: { id: 'FEEL menulis "and", bukan "&&"', en: 'FEEL writes "and", not "&&"' },
    });
  });

  it("explains an empty expression instead of quoting nothing", () => {
    expect(explainFeelError("= ", { error: "Empty expression", position: { from: 0, to: 0 } }).why.id).toBe(
      "ekspresinya kosong; tulis ekspresi setelah tanda =",
    );
  });
});
