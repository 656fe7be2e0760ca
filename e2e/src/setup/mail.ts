/** The email the e2e server sent, as the real SMTP server of global-setup.ts stored it. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { inject } from "vitest";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

async function received(): Promise<ReceivedMail[]> {
  const dir = path.join(inject("maildir"), "new");
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const mail = await simpleParser(readFileSync(path.join(dir, name)));
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
      return { to, subject: mail.subject ?? "", text: mail.text ?? "" };
    }),
  );
}

/** Waits (delivery runs in the background, with retries) for a message to `to` whose subject matches. */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 60_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await received()).find((m) => m.to.includes(to) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = (await received()).map((m) => `${m.to}: ${m.subject}`);
      throw new Error(`no mail to ${to} matching ${subject} after ${timeoutMs} ms; received: ${seen.join(" | ")}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
