/**
 * Foundation smoke: the built web app is served, an admin signs in, opens the designer on the
 * smoke model (start → user task → end) published at first start, and bpmn-js renders it.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiToken, signInThroughUi } from "../setup/session";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("designer smoke", () => {
  it("renders the smoke diagram's shapes in the modeler", async () => {
    // given the smoke model as published at first start
    const token = await apiToken("bks.admin");
    const versions = (await fetch(`${inject("baseUrl")}/api/processes`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json())) as { items: Array<{ id: string; processId: string }> };
    const smoke = versions.items.find((v) => v.processId === "smoke");
    expect(smoke, "smoke model published at first start").toBeDefined();

    // when an admin opens it in the designer
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    await page.goto(`${inject("baseUrl")}/desainer/${smoke!.id}`);
    await page.locator(".djs-container svg").first().waitFor({ timeout: 30_000 });
    await page.locator('[data-element-id="verify"]').first().waitFor();

    // then its three flow nodes and two flows are drawn
    const shapes = await page.locator(".djs-element.djs-shape").count();
    const connections = await page.locator(".djs-element.djs-connection").count();
    await screenshot(page, "smoke-designer");
    expect(shapes).toBeGreaterThanOrEqual(3);
    expect(connections).toBe(2);
    expect(await page.locator('[data-element-id="start"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-element-id="end"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
