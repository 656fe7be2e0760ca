/** The survey (SKM): the applicant's and the counter's answers, and the IKM report. */
import {
  type CounterSurveyRequest,
  IkmReport,
  type IkmReportQuery,
  type PublicSurveyRequest,
  SurveyReceipt,
} from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

/** No session: the case number and tracking code authorize it, as on the tracking page. */
export function answerSurvey(body: PublicSurveyRequest): Promise<SurveyReceipt> {
  return request(SurveyReceipt, paths.publicSurvey, { method: "POST", body, credentials: "omit" });
}

export function answerAtCounter(body: CounterSurveyRequest): Promise<SurveyReceipt> {
  return request(SurveyReceipt, paths.surveys, { method: "POST", body });
}

export const ikmReportQuery = (q: IkmReportQuery) =>
  queryOptions({
    queryKey: ["survey", "ikm", q] as const,
    queryFn: ({ signal }) => request(IkmReport, `${paths.ikmReport}${query(q)}`, { signal }),
  });
