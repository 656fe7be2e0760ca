/**
 * The database: Kysely on embedded PGlite by default, on PostgreSQL (node-postgres) when
 * DATABASE_URL is set. One set of migrations serves both and runs on open. On PostgreSQL with
 * DATABASE_OWNER_URL the migrations run as that owner role and the app's own role is granted
 * only what it needs: on audit_log INSERT and SELECT, so the app cannot rewrite history.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;

export type DbTarget =
  | { kind: "pglite"; dataDir: string | null }
  /** `ownerUrl`: the role that owns the schema and runs migrations; unset means the app's own role does. */
  | { kind: "postgres"; url: string; ownerUrl?: string };

/** Where lost idle connections are reported (the server sets its logger); quiet by default. */
let onPoolError: ((error: Error) => void) | undefined;
export function reportPoolErrors(listener: (error: Error) => void): void {
  onPoolError = listener;
}

// SQLSTATE classes and codes that mean "the database is not there right now", not "this query is wrong":
// 08 connection exception, 57P01-57P03 admin/crash shutdown or cannot connect now, 53300 too many connections.
const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

/** True when `error` is the database being unreachable or dropping the connection: worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    const code = typeof e.code === "string" ? e.code : "";
    if (UNAVAILABLE_CODES.has(code) || code.startsWith("08") || UNAVAILABLE_ERRNOS.has(code)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (
      /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(message)
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Where the database lives for these settings: PostgreSQL if a URL is given, else PGlite on disk. */
export function dbTarget(options: { databaseUrl?: string; databaseOwnerUrl?: string; dataDir: string }): DbTarget {
  if (options.databaseUrl) {
    return options.databaseOwnerUrl
      ? { kind: "postgres", url: options.databaseUrl, ownerUrl: options.databaseOwnerUrl }
      : { kind: "postgres", url: options.databaseUrl };
  }
  return { kind: "pglite", dataDir: path.join(options.dataDir, "pglite") };
}

/** Opens the database and brings its schema up to date. `dataDir: null` is an in-memory PGlite. */
export async function openDb(target: DbTarget): Promise<Db> {
  if (target.kind === "postgres" && target.ownerUrl) {
    const db = new Kysely<Database>({ dialect: await dialectFor(target) });
    try {
      const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
      await migrateAsOwner(target.ownerUrl, rows[0]!.role);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return db;
  }
  const db = new Kysely<Database>({ dialect: await dialectFor(target) });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * Migrates as the owner role, then grants the app role exactly what the store uses: read and
 * write on the tables, but on audit_log only INSERT and SELECT. The owner keeps the table and its
 * trigger function, so the app can neither delete nor update entries nor disable the trigger.
 * Grants are re-applied on every start, so tables of later migrations are covered too.
 */
async function migrateAsOwner(ownerUrl: string, appRole: string): Promise<void> {
  const owner = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ownerUrl, max: 1 }) }),
  });
  try {
    await migrate(owner);
    const { rows } = await sql<{ role: string }>`select current_user as role`.execute(owner);
    if (rows[0]!.role === appRole) return; // one role for both: nothing to separate
    const app = sql.id(appRole);
    await sql`GRANT USAGE ON SCHEMA public TO ${app}`.execute(owner);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`.execute(owner);
    await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`.execute(owner);
    await sql`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${app}`.execute(owner);
    // the migrator's own bookkeeping is the owner's business
    await sql`REVOKE ALL ON kysely_migration, kysely_migration_lock FROM ${app}`.execute(owner);
  } finally {
    await owner.destroy();
  }
}

async function dialectFor(target: DbTarget) {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 10_000 });
    // An idle connection the server ends (restart, failover, pg_terminate_backend) is reported
    // here; unhandled, Node would exit. pg already drops that client and the next query opens a
    // new connection, so there is nothing to do but say so.
    pool.on("error", (error) => onPoolError?.(error));
    // A connection ended while checked out but between queries (inside a transaction, say)
    // errors on the client itself, where no one listens: the query that follows fails instead
    // (an outage error, answered 503), and the pool drops the client on release.
    pool.on("connect", (client) => client.on("error", (error) => onPoolError?.(error)));
    // pg returns int8 as string by default; our bigint columns (event ids) fit in a double.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    return new PostgresDialect({ pool });
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  await pglite.waitReady;
  return new PGliteDialect({ pglite });
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
}
