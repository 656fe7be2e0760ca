/** Complaints at the office: the team's list, answers, counter intake and the response-time report. */
import {
  type AnswerComplaintRequest,
  ComplaintItem,
  ComplaintList,
  ComplaintReceipt,
  ComplaintReport,
  type ComplaintReportQuery,
  type CounterComplaintRequest,
} from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export const complaintKeys = { all: ["complaints"] as const };

export const complaintsQuery = (status: "open" | "answered" | "all", search = "", page = 1) =>
  queryOptions({
    queryKey: [...complaintKeys.all, "list", status, search, page] as const,
    queryFn: ({ signal }) =>
      request(
        ComplaintList,
        `${paths.complaints}${query({ status, search: search || undefined, page: page > 1 ? page : undefined })}`,
        { signal },
      ),
    placeholderData: (previous) => previous,
  });

export function answerComplaint(id: string, body: AnswerComplaintRequest): Promise<ComplaintItem> {
  return request(ComplaintItem, paths.complaintAnswer(id), { method: "POST", body });
}

export function takeComplaint(body: CounterComplaintRequest): Promise<ComplaintReceipt> {
  return request(ComplaintReceipt, paths.complaints, { method: "POST", body });
}

export const complaintReportQuery = (q: ComplaintReportQuery) =>
  queryOptions({
    queryKey: [...complaintKeys.all, "report", q] as const,
    queryFn: ({ signal }) => request(ComplaintReport, `${paths.complaintReport}${query(q)}`, { signal }),
  });

/** The SP4N-LAPOR! CSV of the period, as a link the browser downloads with the session cookie. */
export const laporCsvHref = (q: ComplaintReportQuery) => `${paths.complaintLaporCsv}${query(q)}`;
