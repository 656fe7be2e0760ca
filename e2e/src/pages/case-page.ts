/** Permohonan: a case's status, timeline, documents and diagram. */
import type { Page } from "playwright-core";

export class CasePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(caseId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/permohonan/${caseId}`);
    await this.status().waitFor();
  }

  status() {
    return this.page.getByTestId("case-status");
  }

  /** The case number from the page title ("Permohonan <number>"). */
  async caseNumber(): Promise<string> {
    const title = await this.page.getByRole("heading", { level: 1 }).textContent();
    return (title ?? "").replace(/^\S+\s+/, "").trim();
  }

  /** Waits for the status to read `text`; the page follows a running case by itself, without reloads. */
  async waitForStatus(text: string, timeoutMs = 30_000): Promise<void> {
    await this.page
      .getByTestId("case-status")
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor({ timeout: timeoutMs });
  }

  /** Waits until bpmn-js has drawn the diagram and returns the ids marked with a CSS class. */
  async markedElements(marker: string): Promise<string[]> {
    await this.page.locator(".diagram-viewer .djs-element").first().waitFor();
    return this.page
      .locator(`.diagram-viewer .djs-element.${marker}`)
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-element-id") ?? ""));
  }
}
