/**
 * An office network without internet: every page of the web app and the API reference loads only
 * from the Alur server itself, under a Content-Security-Policy that forbids inline script and
 * other origins; the security headers are on pages, API answers and document downloads.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { oneStepServiceXml, uniqueProcessId } from "../journeys/service-fixture";
import { launchBrowser, watchConsole } from "../setup/browser";
import { apiToken, signInThroughUi } from "../setup/session";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every URL the page requests that is not the Alur server (data: and blob: are the page's own). */
function foreignRequests(page: Page): string[] {
  const origin = new URL(inject("baseUrl")).origin;
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.origin !== origin) foreign.push(request.url());
  });
  return foreign;
}

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP script-src`).toMatch(/script-src 'self'(;|$)/);
  expect(csp, `${what}: CSP frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(res.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
}

describe("local origins only, under a strict CSP", () => {
  it("sends the security headers on pages, API answers, the API reference and downloads", async () => {
    const base = inject("baseUrl");
    for (const url of ["/", "/masuk", "/api/health", "/api/docs", "/api/openapi.json", "/api/cases/x"]) {
      expectSecurityHeaders(await fetch(`${base}${url}`), url);
    }

    // a document download: attachment, never sniffed into a page
    const admin = await apiToken("bks.admin");
    const processId = uniqueProcessId("e2e_csp");
    const deploy = await fetch(`${base}/api/processes`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({
        bpmnXml: oneStepServiceXml(processId, "Layanan uji CSP"),
        district: "3216",
        publish: true,
      }),
    });
    expect(deploy.status).toBe(201);
    const form = new FormData();
    form.append("data", JSON.stringify({ processId, district: "3216", applicant: { name: "Sari (uji CSP)" } }));
    form.append("document:ktp", new File([new TextEncoder().encode("%PDF-1.4\n% ktp\n")], "ktp.pdf"));
    const frontOffice = await apiToken("bks.front-office");
    const started = await fetch(`${base}/api/cases`, {
      method: "POST",
      headers: { authorization: `Bearer ${frontOffice}` },
      body: form,
    });
    expect(started.status).toBe(201);
    const view = (await started.json()) as { id: string; documents: { id: string }[] };
    const download = await fetch(`${base}/api/cases/${view.id}/documents/${view.documents[0]!.id}`, {
      headers: { authorization: `Bearer ${frontOffice}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expectSecurityHeaders(download, "document download");
  });

  it("loads the web app's pages and the API reference from the Alur server alone", async () => {
    // given a browser that records every request and console error
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const foreign = foreignRequests(page);
    const errors = watchConsole(page);
    const base = inject("baseUrl");

    // when an admin signs in and opens the inbox, the designer, the catalogue, a new case and the API reference
    await signInThroughUi(page, "bks.admin");
    await page.waitForLoadState("networkidle");
    const admin = await apiToken("bks.admin");
    const versions = (await fetch(`${base}/api/processes`, { headers: { authorization: `Bearer ${admin}` } }).then(
      (r) => r.json(),
    )) as { items: { id: string; processId: string }[] };
    const smoke = versions.items.find((v) => v.processId === "smoke");
    await page.goto(`${base}/desainer/${smoke!.id}`);
    await page.locator(".djs-container svg").first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    for (const route of ["/tugas", "/katalog", "/permohonan/baru"]) {
      await page.goto(`${base}${route}`);
      await page.waitForLoadState("networkidle");
    }
    await page.goto(`${base}/api/docs`);
    await page.getByText("Alur runtime API").first().waitFor({ timeout: 30_000 });
    await page.locator(".opblock").first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");

    // then nothing came from another origin and nothing broke under the CSP
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("builds a web app whose styles and scripts name no other origin for fonts or images", () => {
    const assets = path.resolve(import.meta.dirname, "../../../designer/dist/assets");
    const remote: string[] = [];
    for (const file of readdirSync(assets).filter((f) => f.endsWith(".css"))) {
      const css = readFileSync(path.join(assets, file), "utf8");
      for (const m of css.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/g)) remote.push(`${file}: ${m[1]}`);
      for (const m of css.matchAll(/@import\s+(?:url\()?["']?((?:https?:)?\/\/[^"')]+)/g))
        remote.push(`${file}: ${m[1]}`);
    }
    expect(remote).toEqual([]);
  });
});
