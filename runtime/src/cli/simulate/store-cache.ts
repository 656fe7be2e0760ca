/**
 * The in-memory store of `alur simulate`, started from a cached snapshot: a fresh PGlite runs
 * initdb and every migration (several seconds), a snapshot of the migrated database loads in a
 * fraction of that. The snapshot is keyed by the migrations and the PGlite version, so a schema
 * change builds a new one; the migrator still runs on it (a no-op when the key is right).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import { type Db, migrate } from "../../store/db";
import type { Database } from "../../store/schema";
import { bundleCacheDir } from "./bundle-cache";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../store/migrations");

function snapshotKey(): string {
  const hash = createHash("sha256");
  hash.update(`pglite ${packageVersion("@electric-sql/pglite")}\n`);
  for (const name of readdirSync(MIGRATIONS).sort()) {
    hash.update(`\n${name}\n`);
    hash.update(readFileSync(path.join(MIGRATIONS, name)));
  }
  return hash.digest("hex").slice(0, 32);
}

/** The installed version of a package that does not export its package.json. */
function packageVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(path.join(dir, "package.json")) || !dir.endsWith(name.split("/").at(-1)!)) {
    const up = path.dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** A migrated in-memory store; the first run of a schema stores its snapshot for the next. */
export async function openCachedStore(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  const dir = bundleCacheDir(env);
  const file = path.join(dir, `store-${snapshotKey()}.tar`);
  const cached = existsSync(file);
  const pglite = cached ? new PGlite({ loadDataDir: new Blob([readFileSync(file)]) }) : new PGlite();
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  try {
    await migrate(db);
    if (!cached) {
      const dump = new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer());
      mkdirSync(dir, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, dump);
      renameSync(partial, file);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
