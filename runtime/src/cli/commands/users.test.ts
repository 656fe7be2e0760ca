import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { demoAccounts, seedDemo } from "../../auth/seed-demo";
import { dbTarget, openDb } from "../../store/db";
import users from "./users";

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("alur users disable-demo --direct", () => {
  it("disables the demo accounts straight on the embedded database, without a server", async () => {
    // given an embedded data directory with the demo accounts
    const dataDir = mkdtempSync(path.join(tmpdir(), "alur-users-"));
    dirs.push(dataDir);
    const seeded = await openDb(dbTarget({ dataDir }));
    const credentials = await seedDemo(seeded);
    await seeded.destroy();
    vi.stubEnv("ALUR_DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    const out = vi.spyOn(console, "log").mockImplementation(() => {});

    // when the operator runs the command
    const code = await users.run(["disable-demo", "--direct"]);

    // then it reports them all and none is left enabled
    expect(code).toBe(0);
    expect(out).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^disabled ${credentials.length} demo account`)));
    const db = await openDb(dbTarget({ dataDir }));
    try {
      expect(await demoAccounts(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
