import { describe, expect, it } from "vitest";
import { SurveyAnswers } from "../api/survey";
import { computeIkm, minimumSample, SURVEY_ELEMENTS, type SurveyElement } from ".";

const response = (...values: number[]) => ({
  scores: Object.fromEntries(SURVEY_ELEMENTS.map((e, i) => [e, values[i]])) as Record<SurveyElement, number>,
});

describe("computeIkm", () => {
  it("computes a worked example by hand (four respondents)", () => {
    // U1..U9 per respondent
    const responses = [
      response(3, 3, 2, 4, 3, 3, 4, 2, 3),
      response(4, 3, 3, 4, 3, 4, 4, 3, 3),
      response(3, 2, 2, 4, 3, 3, 3, 2, 2),
      response(4, 4, 3, 4, 4, 3, 4, 3, 3),
    ];
    // NRR per element: U1 14/4 = 3.5, U2 12/4 = 3, U3 10/4 = 2.5, U4 16/4 = 4, U5 13/4 = 3.25,
    // U6 13/4 = 3.25, U7 15/4 = 3.75, U8 10/4 = 2.5, U9 11/4 = 2.75.
    // Σ NRR = 28.5; × 1/9 = 3.1666…; × 25 = 79.1666… → 79.17, grade B ("Baik", 76.61–88.30).
    const result = computeIkm(responses);
    expect(result.respondents).toBe(4);
    expect(result.elementMeans.requirements).toBe(3.5);
    expect(result.elementMeans.completionTime).toBe(2.5);
    expect(result.elementMeans.facilities).toBe(2.75);
    expect(result.index).toBeCloseTo(28.5 / 9, 10);
    expect(result.converted).toBe(79.17);
    expect(result.grade).toBe("B");
    expect(result.performance?.id).toBe("Baik");
  });

  it("reads the conversion table at its bounds", () => {
    // all 4 → 100 (A); all 1 → 25 (D); the C/B bound: converted 76.60 is C, 76.61 is B
    expect(computeIkm([response(4, 4, 4, 4, 4, 4, 4, 4, 4)])).toMatchObject({ converted: 100, grade: "A" });
    expect(computeIkm([response(1, 1, 1, 1, 1, 1, 1, 1, 1)])).toMatchObject({ converted: 25, grade: "D" });
    // Σ = 27 of 9 elements → 3.0 → 75 (C); Σ = 32 → 88.89 (A); Σ = 31 → 86.11 (B); Σ = 23 → 63.89 (D)
    expect(computeIkm([response(3, 3, 3, 3, 3, 3, 3, 3, 3)])).toMatchObject({ converted: 75, grade: "C" });
    expect(computeIkm([response(4, 4, 4, 4, 4, 3, 3, 3, 3)])).toMatchObject({ converted: 88.89, grade: "A" });
    expect(computeIkm([response(4, 4, 4, 4, 3, 3, 3, 3, 3)])).toMatchObject({ converted: 86.11, grade: "B" });
    expect(computeIkm([response(3, 3, 3, 3, 3, 2, 2, 2, 2)])).toMatchObject({ converted: 63.89, grade: "D" });
  });

  it("has no index without respondents", () => {
    expect(computeIkm([])).toMatchObject({ respondents: 0, index: null, converted: null, grade: null });
  });
});

describe("minimumSample", () => {
  it("matches Krejcie and Morgan's table", () => {
    const table: [number, number][] = [
      [10, 10],
      [50, 44],
      [100, 80],
      [200, 132],
      [500, 217],
      [1000, 278],
      [2000, 322],
      [5000, 357],
      [10000, 370],
    ];
    for (const [population, sample] of table) expect(minimumSample(population), `N=${population}`).toBe(sample);
    expect(minimumSample(0)).toBe(0);
  });
});

describe("SurveyAnswers", () => {
  it("refuses a score outside 1–4 and a missing element", () => {
    expect(SurveyAnswers.safeParse(response(5, 3, 3, 3, 3, 3, 3, 3, 3)).success).toBe(false);
    expect(SurveyAnswers.safeParse(response(3, 3, 3, 3, 3, 3, 3, 3)).success).toBe(false);
    expect(SurveyAnswers.safeParse(response(3, 3, 3, 3, 3, 3, 3, 3, 3)).success).toBe(true);
  });
});
