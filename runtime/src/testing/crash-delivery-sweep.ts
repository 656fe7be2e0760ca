/**
 * A delivery sweeper that dies between sending and recording: runs one sweep on DATABASE_URL with
 * the channels of the environment (SMTP_URL, WA_GATEWAY_URL) and SIGKILLs itself as soon as the
 * first message has been taken by its channel. For the no-duplicate tests.
 */
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { channelsFromEnv, sweepDeliveries } from "../notifications/delivery-sweeper";
import { openDb } from "../store/db";

const env = loadEnv();
const db = await openDb({ kind: "postgres", url: env.DATABASE_URL ?? "" });
await sweepDeliveries(
  { db, logger: createLogger({ level: "silent", pretty: false }), channels: channelsFromEnv(env) },
  {
    afterSend: async () => {
      process.kill(process.pid, "SIGKILL");
      await new Promise(() => {});
    },
  },
);
// reached only when nothing was due
console.log("nothing sent");
await db.destroy();
