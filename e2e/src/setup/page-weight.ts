/** What a public page weighs on a phone: the bytes it downloads and the origins it asks. */
import type { Browser, Page } from "playwright-core";

/**
 * A phone-sized page with no session, recording every origin it requests and the bytes it
 * downloads (on the wire, compressed, as a phone would): JS only, and everything.
 */
export async function openPhonePage(browser: Browser): Promise<{
  page: Page;
  origins: Set<string>;
  jsBytes: () => Promise<number>;
  allBytes: () => Promise<number>;
}> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const origins = new Set<string>();
  const sizes = new Map<string, number>();
  page.on("request", (r) => {
    if (!r.url().startsWith("data:")) origins.add(new URL(r.url()).origin);
  });
  // each size arrives asynchronously: the sums wait for all of them, so no request goes uncounted
  // (and none is still asked for once the context is closed)
  const pending: Promise<void>[] = [];
  page.on("requestfinished", (r) => {
    if (r.url().startsWith("data:")) return;
    pending.push(
      r.sizes().then(({ responseBodySize, responseHeadersSize }) => {
        sizes.set(r.url(), responseBodySize + responseHeadersSize);
      }),
    );
  });
  const sum = async (keep: (url: string) => boolean) => {
    await Promise.all(pending);
    return [...sizes.entries()].filter(([url]) => keep(url)).reduce((a, [, b]) => a + b, 0);
  };
  return { page, origins, jsBytes: () => sum((u) => u.endsWith(".js")), allBytes: () => sum(() => true) };
}

/** Waits until the page has made no request for a moment, so every byte of its load is counted. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
}
