/**
 * What the server does before it takes requests: refuse demo credentials in production and, in
 * the embedded default only, seed the demo accounts (credentials printed once and kept in
 * data/demo-credentials.json) and publish the whole service catalogue so a new user sees real
 * services.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { compileAndValidateXml } from "@alur/shared/compiler";
import { loadCatalogue } from "@alur/workflows";
import { assertNoDemoCredentialsInProduction, type DemoCredential, seedDemo } from "../auth/seed-demo";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { Db } from "../store/db";
import { insertProcessVersion } from "../store/process-versions";

export async function firstStart(deps: { db: Db; env: Env; logger: Logger }): Promise<void> {
  const { db, env, logger } = deps;
  await assertNoDemoCredentialsInProduction(db, env.NODE_ENV);
  const embedded = !env.DATABASE_URL && env.NODE_ENV !== "production";
  if (!embedded) return;

  const credentials = await seedDemo(db);
  if (credentials.length > 0) {
    const file = path.join(env.ALUR_DATA_DIR, "demo-credentials.json");
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    printCredentials(credentials, file);
  }

  const anyVersion = await db.selectFrom("process_versions").select("id").limit(1).executeTakeFirst();
  if (!anyVersion) await publishCatalogue(db, logger);
}

/**
 * Publishes every model under workflows/ through the same gate as POST /processes with publish; a
 * model the gate refuses is logged, not fatal.
 */
export async function publishCatalogue(db: Db, logger: Logger): Promise<{ published: number; failed: string[] }> {
  const failed: string[] = [];
  let published = 0;
  for (const entry of loadCatalogue()) {
    const compiled = await compileAndValidateXml(entry.xml, { forPublish: true, forms: entry.forms });
    if (!compiled.plan) {
      failed.push(entry.file);
      const problems = compiled.problems;
      logger.warn(
        { file: entry.file, problems: problems.filter((p) => p.severity === "error").slice(0, 5) },
        "catalogue model not published",
      );
      continue;
    }
    await insertProcessVersion(db, {
      plan: compiled.plan,
      bpmnXml: entry.xml,
      district: entry.district,
      publish: true,
      effectiveFrom: compiled.plan.variant?.effectiveFrom ?? null,
      createdBy: null,
    });
    published++;
  }
  logger.info({ published, failed: failed.length }, "service catalogue published");
  return { published, failed };
}

function printCredentials(credentials: DemoCredential[], file: string): void {
  const lines = credentials.map(
    (c) => `  ${c.username.padEnd(28)} ${c.password}   ${c.district ?? "nasional"}  ${c.roles.join(",")}`,
  );
  console.log(
    ["", `  Demo accounts (embedded mode only; shown once, also saved in ${file}):`, ...lines, ""].join("\n"),
  );
}
