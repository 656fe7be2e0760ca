/** The survey (SKM) at the office: the counter's answers and the IKM report (the applicant's is in public.ts). */
import { type CounterSurveyRequest, IkmReport, type IkmReportQuery, SurveyReceipt } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export function answerAtCounter(body: CounterSurveyRequest): Promise<SurveyReceipt> {
  return request(SurveyReceipt, paths.surveys, { method: "POST", body });
}

export const ikmReportQuery = (q: IkmReportQuery) =>
  queryOptions({
    queryKey: ["survey", "ikm", q] as const,
    queryFn: ({ signal }) => request(IkmReport, `${paths.ikmReport}${query(q)}`, { signal }),
  });
