/**
 * Bulk import of accounts from CSV: parse with csv-parse, then check every row against the
 * directory before anything is written, so one bad row imports nothing. Each problem is a
 * bilingual sentence naming the row's line in the file.
 */
import { type Bilingual, IMPORT_MAX_ROWS, Password, RoleKey, Username } from "@alur/shared/api";
import { CsvError, parse } from "csv-parse/sync";

/** Header names accepted for each column (English and Indonesian). */
const COLUMNS = {
  username: ["username", "nama_pengguna"],
  displayName: ["displayname", "display_name", "nama", "nama_lengkap"],
  district: ["district", "kabupaten", "unit", "orgunitid"],
  roles: ["roles", "peran"],
  password: ["password", "kata_sandi"],
} as const;
type Column = keyof typeof COLUMNS;

export interface ImportRow {
  line: number;
  username: string;
  displayName: string;
  /** The org unit id the row names. */
  orgUnitId: string;
  district: string | null;
  roles: string[];
  password: string | undefined;
}

export interface CheckedRow extends ImportRow {
  errors: Bilingual[];
}

export interface ImportContext {
  orgUnits: Map<string, { id: string; kind: string; code: string }>;
  knownRoles: Set<string>;
  takenUsernames: Set<string>;
  /** Whether the importing admin may manage accounts of this district (null: national). */
  mayManage: (district: string | null) => boolean;
  mayGrant: (roles: string[]) => boolean;
}

export type Parsed = { ok: true; rows: ImportRow[] } | { ok: false; line: number; error: Bilingual };

function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, "_");
}

function columnOf(header: string): Column | undefined {
  const h = normalise(header);
  return (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(h));
}

/** Parses the file into rows; a malformed file (quotes, columns, headers) is one error. */
export function parseImport(csv: string): Parsed {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      delimiter: [",", ";"].includes(detectDelimiter(csv)) ? detectDelimiter(csv) : ",",
      columns: (headers: string[]) => {
        const mapped = headers.map((h) => columnOf(h) ?? `?${h}`);
        const unknown = mapped.filter((m) => m.startsWith("?")).map((m) => m.slice(1));
        const missing = (["username", "displayName", "district", "roles"] as Column[]).filter(
          (c) => !mapped.includes(c),
        );
        if (unknown.length > 0 || missing.length > 0) {
          throw new HeaderError(unknown, missing);
        }
        return mapped;
      },
    }) as typeof records;
  } catch (error) {
    if (error instanceof HeaderError) {
      return {
        ok: false,
        line: 1,
        error: {
          id: `Baris judul tidak sesuai. Kolom wajib: username, displayName, district, roles (password boleh).${
            error.missing.length ? ` Tidak ada: ${error.missing.join(", ")}.` : ""
          }${error.unknown.length ? ` Tidak dikenal: ${error.unknown.join(", ")}.` : ""}`,
          en: `The header row does not fit. Required columns: username, displayName, district, roles (password optional).${
            error.missing.length ? ` Missing: ${error.missing.join(", ")}.` : ""
          }${error.unknown.length ? ` Unknown: ${error.unknown.join(", ")}.` : ""}`,
        },
      };
    }
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      return {
        ok: false,
        line,
        error: {
          id: `Berkas CSV tidak dapat dibaca di baris ${line} (${error.code}): periksa tanda kutip dan jumlah kolom.`,
          en: `The CSV file cannot be read at line ${line} (${error.code}): check the quotes and the number of columns.`,
        },
      };
    }
    throw error;
  }
  if (records.length === 0) {
    return {
      ok: false,
      line: 2,
      error: { id: "Berkas tidak berisi baris pengguna.", en: "The file has no user rows." },
    };
  }
  if (records.length > IMPORT_MAX_ROWS) {
    return {
      ok: false,
      line: IMPORT_MAX_ROWS + 2,
      error: {
        id: `Paling banyak ${IMPORT_MAX_ROWS} pengguna per impor.`,
        en: `At most ${IMPORT_MAX_ROWS} users per import.`,
      },
    };
  }
  return {
    ok: true,
    rows: records.map(({ record, info }) => ({
      line: info.lines,
      username: (record.username ?? "").toLowerCase(),
      displayName: record.displayName ?? "",
      orgUnitId: record.district ?? "",
      district: null,
      roles: (record.roles ?? "")
        .split(/[|;]/)
        .map((r) => r.trim().toLowerCase())
        .filter((r) => r !== ""),
      password: record.password ? record.password : undefined,
    })),
  };
}

class HeaderError extends Error {
  constructor(
    readonly unknown: string[],
    readonly missing: string[],
  ) {
    super("header");
  }
}

/** `;` when the header row has more semicolons than commas (spreadsheets in Indonesian locales). */
function detectDelimiter(csv: string): string {
  const header = csv.split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

/** Every problem of every row, against the directory and the importing admin's rights. */
export function checkImport(rows: ImportRow[], ctx: ImportContext): CheckedRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const errors: Bilingual[] = [];
    const at = (id: string, en: string) =>
      errors.push({ id: `Baris ${row.line}: ${id}`, en: `Line ${row.line}: ${en}` });
    if (!Username.safeParse(row.username).success) {
      at(
        `nama pengguna "${row.username}" tidak sah (3–60 huruf kecil, angka, titik, minus, garis bawah).`,
        `username "${row.username}" is not valid (3–60 lower-case letters, digits, dot, dash, underscore).`,
      );
    } else if (ctx.takenUsernames.has(row.username)) {
      at(`nama pengguna "${row.username}" sudah dipakai.`, `username "${row.username}" is taken.`);
    } else if (seen.has(row.username)) {
      at(
        `nama pengguna "${row.username}" sudah ada di baris ${seen.get(row.username)}.`,
        `username "${row.username}" is already on line ${seen.get(row.username)}.`,
      );
    }
    if (!seen.has(row.username)) seen.set(row.username, row.line);
    if (row.displayName.trim() === "" || row.displayName.length > 120) {
      at(
        "nama lengkap wajib diisi (paling banyak 120 huruf).",
        "the display name is required (at most 120 characters).",
      );
    }
    const unit = ctx.orgUnits.get(row.orgUnitId);
    let district: string | null = null;
    if (!unit) {
      at(`unit/kabupaten "${row.orgUnitId}" tidak dikenal.`, `unit/district "${row.orgUnitId}" is unknown.`);
    } else {
      district = unit.kind === "district" ? unit.code : null;
      if (!ctx.mayManage(district)) {
        at(
          `Anda tidak berwenang mengelola pengguna unit "${row.orgUnitId}".`,
          `you may not manage users of unit "${row.orgUnitId}".`,
        );
      }
    }
    if (row.roles.length === 0) at("isi minimal satu peran.", "give at least one role.");
    const unknown = row.roles.filter((r) => !RoleKey.safeParse(r).success || !ctx.knownRoles.has(r));
    if (unknown.length > 0) at(`peran tidak dikenal: ${unknown.join(", ")}.`, `unknown roles: ${unknown.join(", ")}.`);
    else if (!ctx.mayGrant(row.roles)) {
      at("Anda tidak boleh memberikan peran di atas peran Anda sendiri.", "you may not grant a role above your own.");
    } else if (unit && district === null && row.roles.some((r) => r !== "super-admin")) {
      at(
        "peran staf dan admin kabupaten memerlukan unit kabupaten/kota.",
        "staff and district-admin roles need a district unit.",
      );
    }
    if (row.password !== undefined && !Password.safeParse(row.password).success) {
      at(
        "kata sandi minimal 10 karakter (kosongkan untuk kata sandi sementara).",
        "the password needs at least 10 characters (leave it empty for a temporary one).",
      );
    }
    return { ...row, district, errors };
  });
}
