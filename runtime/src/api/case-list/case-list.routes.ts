import {
  CaseExportQuery,
  CaseListPage,
  CaseListQuery,
  SavedCaseFilter,
  SavedCaseFilterRequest,
  SavedCaseFilters,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const list = createRoute({
  method: "get",
  path: "/cases",
  tags: ["cases"],
  summary: "Every case the user may see, filtered, sorted and cursor-paged",
  description:
    "Staff see the cases of their district they have (had) a part in; heads and the district admin see " +
    "all of the district, the super admin every district. Applicant fields a sensitive service restricts " +
    "are left out (and are no search key) for roles not listed; a page showing such cases is audited.",
  security: SECURITY,
  request: { query: CaseListQuery },
  responses: { 200: jsonResponse(CaseListPage, "One page"), ...errors(400, 401, 403) },
});

export const exportCases = createRoute({
  method: "get",
  path: "/cases/export",
  tags: ["cases"],
  summary: "The case list as CSV or XLSX, with the same filters and personal-data rules (audited)",
  security: SECURITY,
  request: { query: CaseExportQuery },
  responses: {
    200: {
      description: "The file",
      content: {
        "text/csv": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.any() },
      },
    },
    ...errors(400, 401, 403, 422),
  },
});

const FilterParams = z.object({ filterId: z.string() });

export const listFilters = createRoute({
  method: "get",
  path: "/case-filters",
  tags: ["cases"],
  summary: "My saved case-list filters",
  security: SECURITY,
  responses: { 200: jsonResponse(SavedCaseFilters, "Saved filters"), ...errors(401) },
});

export const createFilter = createRoute({
  method: "post",
  path: "/case-filters",
  tags: ["cases"],
  summary: "Save a case-list filter under a name",
  security: SECURITY,
  request: { body: jsonBody(SavedCaseFilterRequest) },
  responses: { 201: jsonResponse(SavedCaseFilter, "Saved"), ...errors(400, 401, 409) },
});

export const updateFilter = createRoute({
  method: "put",
  path: "/case-filters/{filterId}",
  tags: ["cases"],
  summary: "Rename or change a saved filter",
  security: SECURITY,
  request: { params: FilterParams, body: jsonBody(SavedCaseFilterRequest) },
  responses: { 200: jsonResponse(SavedCaseFilter, "Saved"), ...errors(400, 401, 404, 409) },
});

export const deleteFilter = createRoute({
  method: "delete",
  path: "/case-filters/{filterId}",
  tags: ["cases"],
  summary: "Delete a saved filter",
  security: SECURITY,
  responses: { 204: { description: "Deleted" }, ...errors(401, 404) },
  request: { params: FilterParams },
});
