import { randomUUID } from "node:crypto";
import {
  CASE_EXPORT_MAX_ROWS,
  type CaseFilter,
  type CaseListItem,
  type CaseListStatus,
  type CaseSort,
  listValues,
  type SavedCaseFilter,
  type SlaState,
} from "@alur/shared/api";
import { formatLocal, parseInstant, TIME_ZONES } from "@alur/shared/calendar";
import { findDistrict } from "@alur/shared/calendar/districts";
import { CasePrivacy } from "@alur/shared/schemas";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Principal } from "../../auth/principal";
import { hiddenFields } from "../../auth/privacy";
import {
  type CaseFilterRow,
  deleteCaseFilter,
  getCaseFilter,
  insertCaseFilter,
  listCaseFilters,
  updateCaseFilter,
} from "../../store/case-filters";
import {
  type CaseListFilter,
  type CaseListReader,
  type CaseListRow,
  listStatusOf,
  openStepsOf,
  queryCaseList,
  slaStateOf,
} from "../../store/case-list";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./case-list.routes";
import { casesCsv, casesXlsx } from "./export-file";

const DAY_MS = 86_400_000;
/** Rows per store query while an export collects its rows. */
const EXPORT_PAGE = 1_000;

export function readerOf(p: Principal): CaseListReader {
  return {
    userId: p.userId,
    district: p.district,
    roles: p.roles,
    seesAllDistricts: p.isSuperAdmin,
    seesWholeDistrict: p.isHead || p.isDistrictAdmin,
  };
}

/** The office's UTC offset (minutes) for a district; WIB when the district has no calendar data. */
function offsetOf(district: string | null | undefined): number {
  const known = district ? findDistrict(district) : undefined;
  return known ? TIME_ZONES[known.timeZone] : TIME_ZONES.WIB;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant of a date bound; a date the calendar refuses (Feb 30) is a 400, not a 500. */
function instant(text: string, offset: number, field: string): number {
  try {
    return parseInstant(text, offset);
  } catch {
    throw new ApiException(400, "validation-failed", {
      target: "query",
      issues: [{ path: field, message: "not a calendar date" }],
    });
  }
}

/** A lower bound: a date is the start of that day at the office. */
function from(text: string | undefined, offset: number, field: string): Date | undefined {
  return text === undefined ? undefined : new Date(instant(text, offset, field));
}

/** An exclusive upper bound: a date includes the whole of that day at the office. */
function before(text: string | undefined, offset: number, field: string): Date | undefined {
  if (text === undefined) return undefined;
  const at = instant(text, offset, field);
  return new Date(DATE_ONLY.test(text) ? at + DAY_MS : at + 1);
}

/**
 * Refuses (403, audited) a district filter outside the reader's own district: staff asking for
 * another district's cases is a decision worth recording, not an empty page.
 */
async function checkDistrict(c: AppContext, p: Principal, filter: CaseFilter, action: string): Promise<void> {
  if (!filter.district) return;
  await authorize(c, p.isSuperAdmin || p.district === filter.district, action, {
    type: "district",
    id: filter.district,
    district: filter.district,
  });
}

export function storeFilter(
  p: Principal,
  q: CaseFilter & { sort: CaseSort; order: "asc" | "desc" },
  page: { limit: number; cursor?: string },
): CaseListFilter {
  const offset = offsetOf(q.district ?? p.district);
  return {
    service: q.service,
    version: q.version,
    district: q.district,
    statuses: listValues<CaseListStatus>(q.status),
    step: q.step,
    sla: listValues<SlaState>(q.sla),
    receivedFrom: from(q.receivedFrom, offset, "receivedFrom"),
    receivedBefore: before(q.receivedTo, offset, "receivedTo"),
    closedFrom: from(q.closedFrom, offset, "closedFrom"),
    closedBefore: before(q.closedTo, offset, "closedTo"),
    nik: q.nik,
    name: q.name,
    caseNumber: q.caseNumber,
    sort: q.sort,
    order: q.order,
    limit: page.limit,
    cursor: page.cursor,
    now: new Date(),
  };
}

function privacyOf(raw: unknown): CasePrivacy | undefined {
  if (raw === null || raw === undefined) return undefined;
  const parsed = CasePrivacy.safeParse(raw);
  // As getCasePrivacy: rules that no longer parse still count as sensitive.
  return parsed.success ? parsed.data : { sensitive: true, fields: {}, documents: {} };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The rows as the principal may see them; the ids of sensitive cases shown, for the audit. */
async function itemsOf(
  c: AppContext,
  p: Principal,
  rows: CaseListRow[],
  now: Date,
): Promise<{ items: CaseListItem[]; sensitive: { id: string; hiddenFields: string[] }[] }> {
  const steps = await openStepsOf(
    c.get("deps").db,
    rows.map((r) => r.id),
  );
  const sensitive: { id: string; hiddenFields: string[] }[] = [];
  const items = rows.map((r): CaseListItem => {
    const privacy = privacyOf(r.privacy);
    const hidden = hiddenFields(privacy, p);
    if (privacy?.sensitive) sensitive.push({ id: r.id, hiddenFields: [...hidden] });
    return {
      id: r.id,
      caseNumber: r.case_number,
      district: r.district,
      processId: r.process_id,
      serviceName: r.service_name,
      version: r.version,
      status: listStatusOf(r),
      sla: slaStateOf(r, now),
      applicantName: hidden.has("name") ? null : r.applicant_name,
      nik: hidden.has("nik") ? null : r.applicant_nik,
      dueAt: iso(r.due_at),
      receivedAt: iso(r.started_at)!,
      closedAt: iso(r.ended_at),
      currentSteps: steps.get(r.id) ?? [],
      ...(hidden.size > 0 ? { withheld: [...hidden].sort() } : {}),
    };
  });
  return { items, sensitive };
}

/** The filter as given, without the paging parts, for the audit record. */
function filterOf(q: Record<string, unknown>): Record<string, unknown> {
  const { cursor: _cursor, limit: _limit, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  await checkDistrict(c, p, q, "case.list");
  const filter = storeFilter(p, q, { limit: q.limit, cursor: q.cursor });
  const { rows, nextCursor } = await queryCaseList(c.get("deps").db, readerOf(p), filter);
  const { items, sensitive } = await itemsOf(c, p, rows, filter.now);
  // A page listing cases of a sensitive service is a read of those cases (UU 27/2022).
  if (sensitive.length > 0) {
    await audit(c, c.get("deps").db, {
      action: "case.list",
      outcome: "ok",
      resourceType: "case-list",
      resourceId: null,
      district: p.district,
      details: { method: c.req.method, path: c.req.path, roles: p.roles, filter: filterOf(q), cases: sensitive },
    });
  }
  return c.json({ items, nextCursor }, 200);
};

export const exportCases: RouteHandler<typeof routes.exportCases, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  await checkDistrict(c, p, q, "case.export");
  const db = c.get("deps").db;
  const rows: CaseListRow[] = [];
  let cursor: string | undefined;
  let now = new Date();
  do {
    const filter = storeFilter(p, q, { limit: EXPORT_PAGE, cursor });
    now = filter.now;
    const page = await queryCaseList(db, readerOf(p), filter);
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
    if (rows.length > CASE_EXPORT_MAX_ROWS) {
      throw new ApiException(422, "export-too-large", { maxRows: CASE_EXPORT_MAX_ROWS });
    }
  } while (cursor);
  const { items, sensitive } = await itemsOf(c, p, rows, now);
  // Every export is audited: it takes personal data out of the system.
  await audit(c, db, {
    action: "case.export",
    outcome: "ok",
    resourceType: "case-list",
    resourceId: null,
    district: p.district,
    details: {
      method: c.req.method,
      path: c.req.path,
      roles: p.roles,
      format: q.format,
      filter: filterOf(q),
      rows: items.length,
      cases: sensitive,
    },
  });
  const offsets = new Map<string, number>();
  const local = (text: string, district: string) => {
    if (!offsets.has(district)) offsets.set(district, offsetOf(district));
    return formatLocal(Date.parse(text), offsets.get(district)!).slice(0, 16).replace("T", " ");
  };
  const stamp = formatLocal(now.getTime(), offsetOf(p.district)).slice(0, 10);
  if (q.format === "xlsx") {
    const bytes = await casesXlsx(items, local);
    c.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    c.header("content-disposition", `attachment; filename="permohonan-${stamp}.xlsx"`);
    return c.body(bytes, 200) as never;
  }
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="permohonan-${stamp}.csv"`);
  return c.body(casesCsv(items, local), 200) as never;
};

function savedView(row: CaseFilterRow): SavedCaseFilter {
  return {
    id: row.id,
    name: row.name,
    filter: row.filter as CaseFilter,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

async function auditFilter(
  c: AppContext,
  p: Principal,
  action: string,
  id: string,
  before: CaseFilterRow | null,
  after: CaseFilterRow | null,
): Promise<void> {
  await audit(c, c.get("deps").db, {
    action,
    outcome: "ok",
    resourceType: "case-filter",
    resourceId: id,
    district: p.district,
    before: before ? { name: before.name, filter: before.filter } : null,
    after: after ? { name: after.name, filter: after.filter } : null,
  });
}

export const listFilters: RouteHandler<typeof routes.listFilters, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const rows = await listCaseFilters(c.get("deps").db, p.userId);
  return c.json({ items: rows.map(savedView) }, 200);
};

export const createFilter: RouteHandler<typeof routes.createFilter, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const row = await insertCaseFilter(c.get("deps").db, {
    id: randomUUID(),
    userId: p.userId,
    name: body.name,
    filter: body.filter,
  });
  if (!row) throw new ApiException(409, "filter-name-taken");
  await auditFilter(c, p, "case-filter.create", row.id, null, row);
  return c.json(savedView(row), 201);
};

export const updateFilter: RouteHandler<typeof routes.updateFilter, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { filterId } = c.req.valid("param");
  const body = c.req.valid("json");
  const db = c.get("deps").db;
  const before = await getCaseFilter(db, p.userId, filterId);
  const result = await updateCaseFilter(db, { id: filterId, userId: p.userId, name: body.name, filter: body.filter });
  if (result === "missing") throw new ApiException(404, "not-found");
  if (result === "name-taken") throw new ApiException(409, "filter-name-taken");
  await auditFilter(c, p, "case-filter.update", filterId, before ?? null, result);
  return c.json(savedView(result), 200);
};

export const deleteFilter: RouteHandler<typeof routes.deleteFilter, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { filterId } = c.req.valid("param");
  // Another user's filter is as unknown as a wrong id: filters are private.
  const deleted = await deleteCaseFilter(c.get("deps").db, p.userId, filterId);
  if (!deleted) throw new ApiException(404, "not-found");
  await auditFilter(c, p, "case-filter.delete", filterId, deleted, null);
  return c.body(null, 204) as never;
};
