/**
 * The community satisfaction survey (Survei Kepuasan Masyarakat, Permenpan RB 14/2017): its nine
 * elements (unsur), each answered on a four-point scale, the respondent data the regulation's
 * questionnaire asks, and the index (IKM) by its formula and conversion table. Pure and without
 * zod (a phone loads it with the survey page); the request schemas are in `@alur/shared/api`.
 */

/** The nine elements, in the regulation's order (U1–U9). */
export const SURVEY_ELEMENTS = [
  "requirements",
  "procedure",
  "completionTime",
  "fee",
  "products",
  "competence",
  "behaviour",
  "complaintHandling",
  "facilities",
] as const;
export type SurveyElement = (typeof SURVEY_ELEMENTS)[number];

type Words = { id: string; en: string };

/** Each element's name and its four answers, 1 (worst) to 4 (best), as the questionnaire words them. */
export const SURVEY_QUESTIONS: Record<
  SurveyElement,
  { name: Words; question: Words; answers: [Words, Words, Words, Words] }
> = {
  requirements: {
    name: { id: "Persyaratan", en: "Requirements" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
      en: "How well do the service's requirements fit the kind of service?",
    },
    answers: scale(
      ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      ["Not fitting", "Hardly fitting", "Fitting", "Very fitting"],
    ),
  },
  procedure: {
    name: { id: "Sistem, mekanisme dan prosedur", en: "System, mechanism and procedure" },
    question: {
      id: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
      en: "How easy was the service's procedure at this office?",
    },
    answers: scale(
      ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
      ["Not easy", "Hardly easy", "Easy", "Very easy"],
    ),
  },
  completionTime: {
    name: { id: "Waktu penyelesaian", en: "Completion time" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
      en: "How fast was the service delivered?",
    },
    answers: scale(
      ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
      ["Not fast", "Hardly fast", "Fast", "Very fast"],
    ),
  },
  fee: {
    name: { id: "Biaya/tarif", en: "Fee" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
      en: "How fair was the service's fee?",
    },
    answers: scale(
      ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
      ["Very expensive", "Rather expensive", "Cheap", "Free"],
    ),
  },
  products: {
    name: { id: "Produk spesifikasi jenis pelayanan", en: "Products of the service" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
      en: "How well did what you received match the products the service standard lists?",
    },
    answers: scale(
      ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      ["Not matching", "Hardly matching", "Matching", "Fully matching"],
    ),
  },
  competence: {
    name: { id: "Kompetensi pelaksana", en: "Staff competence" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
      en: "How competent were the staff who served you?",
    },
    answers: scale(
      ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
      ["Not competent", "Hardly competent", "Competent", "Very competent"],
    ),
  },
  behaviour: {
    name: { id: "Perilaku pelaksana", en: "Staff behaviour" },
    question: {
      id: "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
      en: "How courteous and friendly were the staff?",
    },
    answers: scale(
      ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
      ["Not courteous", "Hardly courteous", "Courteous", "Very courteous"],
    ),
  },
  complaintHandling: {
    name: { id: "Penanganan pengaduan, saran dan masukan", en: "Handling of complaints, suggestions and input" },
    question: {
      id: "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
      en: "How were complaints of service users handled?",
    },
    answers: scale(
      ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
      ["None", "Exists but does not work", "Works, not fully", "Well managed"],
    ),
  },
  facilities: {
    name: { id: "Sarana dan prasarana", en: "Facilities" },
    question: {
      id: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
      en: "How good were the facilities?",
    },
    answers: scale(["Buruk", "Cukup", "Baik", "Sangat baik"], ["Poor", "Fair", "Good", "Very good"]),
  },
};

function scale(id: string[], en: string[]): [Words, Words, Words, Words] {
  return [0, 1, 2, 3].map((i) => ({ id: id[i] as string, en: en[i] as string })) as [Words, Words, Words, Words];
}

/** The respondent data the regulation's questionnaire asks (all optional: nobody must say). */
export const EDUCATION = ["sd", "smp", "sma", "diploma", "s1", "s2", "s3"] as const;
export const OCCUPATION = ["pns", "tni", "polri", "swasta", "wirausaha", "lainnya"] as const;

/** One questionnaire's scores: every element 1–4 (the API's `SurveyAnswers` schema checks them). */
export type SurveyScores = Record<SurveyElement, number>;

export type QualityGrade = "A" | "B" | "C" | "D";

/**
 * The regulation's conversion table: the converted index (25–100) to the service quality and the
 * unit's performance. Bounds as the table prints them (two decimals).
 */
export const IKM_GRADES: readonly { grade: QualityGrade; from: number; to: number; performance: Words }[] = [
  { grade: "D", from: 25, to: 64.99, performance: { id: "Tidak baik", en: "Poor" } },
  { grade: "C", from: 65, to: 76.6, performance: { id: "Kurang baik", en: "Fair" } },
  { grade: "B", from: 76.61, to: 88.3, performance: { id: "Baik", en: "Good" } },
  { grade: "A", from: 88.31, to: 100, performance: { id: "Sangat baik", en: "Very good" } },
];

export interface IkmResult {
  respondents: number;
  /** Mean score per element (NRR per unsur, 1–4), null for an element nobody answered. */
  elementMeans: Record<SurveyElement, number | null>;
  /** Σ NRR × 1/9: the index on the 1–4 scale. */
  index: number | null;
  /** index × 25, rounded to two decimals as reported (25–100). */
  converted: number | null;
  grade: QualityGrade | null;
  performance: Words | null;
}

/**
 * IKM by Permenpan RB 14/2017: the mean of each element's scores (NRR), weighted equally
 * (1/9 each, the "nilai penimbang"), summed, and converted × 25. The grade reads the converted
 * value rounded to two decimals, as the table's bounds are.
 */
export function computeIkm(responses: readonly { scores: SurveyScores }[]): IkmResult {
  const elementMeans = Object.fromEntries(
    SURVEY_ELEMENTS.map((e) => {
      const scores = responses.map((r) => r.scores[e]);
      return [e, scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length];
    }),
  ) as Record<SurveyElement, number | null>;
  if (responses.length === 0)
    return { respondents: 0, elementMeans, index: null, converted: null, grade: null, performance: null };
  const weight = 1 / SURVEY_ELEMENTS.length;
  const index = SURVEY_ELEMENTS.reduce((sum, e) => sum + (elementMeans[e] as number) * weight, 0);
  const converted = Math.round(index * 25 * 100) / 100;
  const band =
    IKM_GRADES.find((g) => converted <= g.to) ?? (IKM_GRADES[IKM_GRADES.length - 1] as (typeof IKM_GRADES)[number]);
  return {
    respondents: responses.length,
    elementMeans,
    index,
    converted,
    grade: band.grade,
    performance: band.performance,
  };
}

/**
 * The minimum sample the regulation points to (Krejcie and Morgan's table) for a population of
 * `population` service users in the period: s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) with χ² =
 * 3.841, P = 0.5 and d = 0.05, rounded as the table is.
 */
export function minimumSample(population: number): number {
  if (!Number.isFinite(population) || population <= 0) return 0;
  const chi = 3.841;
  const pq = 0.25;
  const d2 = 0.0025;
  return Math.round((chi * population * pq) / (d2 * (population - 1) + chi * pq));
}
