/** Saving and deleting the user's case-list filters. */
import { type CaseFilter, SavedCaseFilter } from "@alur/shared/api";
import { z } from "zod";
import { request } from "../http";
import { paths } from "../paths";

export function saveCaseFilter(name: string, filter: CaseFilter) {
  return request(SavedCaseFilter, paths.caseFilters, { method: "POST", body: { name, filter } });
}

export function deleteCaseFilter(id: string) {
  return request(z.null(), paths.caseFilter(id), { method: "DELETE" });
}
