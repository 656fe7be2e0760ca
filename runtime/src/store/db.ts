/**
 * The database: Kysely on embedded PGlite by default, on PostgreSQL (node-postgres) when
 * DATABASE_URL is set. One set of migrations serves both and runs on open.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;

export type DbTarget = { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string };

/** Where the database lives for these settings: PostgreSQL if a URL is given, else PGlite on disk. */
export function dbTarget(options: { databaseUrl?: string; dataDir: string }): DbTarget {
  if (options.databaseUrl) return { kind: "postgres", url: options.databaseUrl };
  return { kind: "pglite", dataDir: path.join(options.dataDir, "pglite") };
}

/** Opens the database and brings its schema up to date. `dataDir: null` is an in-memory PGlite. */
export async function openDb(target: DbTarget): Promise<Db> {
  const db = new Kysely<Database>({ dialect: await dialectFor(target) });
  await migrate(db);
  return db;
}

async function dialectFor(target: DbTarget) {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
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
