import { loadCatalogue } from "@alur/workflows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { type Db, openDb } from "../store/db";
import { publishCatalogue } from "./first-start";

describe("publishing the service catalogue at first start", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ kind: "pglite", dataDir: null });
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it("passes every model of workflows/ through the publish gate", async () => {
    // when the catalogue is published through the same gate as POST /processes with publish
    const result = await publishCatalogue(db, createLogger({ level: "silent", pretty: false }));
    // then not one model is refused
    expect(result.failed).toEqual([]);
    expect(result.published).toBe(loadCatalogue().length);
  }, 60_000);
});
