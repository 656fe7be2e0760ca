/** Headless Chromium through playwright-core, with the flags this closed network needs. */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const ARTIFACTS = path.resolve(import.meta.dirname, "../../artifacts");

function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((c): c is string => Boolean(c && existsSync(c)));
  if (!found) {
    throw new Error(
      "Chromium not found: install Debian's `chromium` package (npx alur setup --browser) or set CHROMIUM_PATH.",
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * Collects console errors and warnings and page errors, so a journey can assert there were none on
 * any page it visited. Each entry names its kind and the page it came from.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    const kind = message.type();
    if (kind === "error" || kind === "warning") {
      errors.push(`${kind} on ${new URL(page.url()).pathname}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Saves a full-page screenshot under e2e/artifacts/ for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
