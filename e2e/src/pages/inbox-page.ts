/** Tugas: the staff inbox. */
import type { Page } from "playwright-core";
import { TaskPage } from "./task-page";

export class InboxPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/tugas`);
    await this.page.getByRole("tab", { name: "Tugas saya" }).waitFor();
  }

  async showScope(name: "Tugas saya" | "Belum diambil" | "Seluruh dinas"): Promise<void> {
    await this.page.getByRole("tab", { name }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole("searchbox").fill(text);
    await this.page.getByRole("button", { name: "Terapkan" }).click();
  }

  /** The row of a case's task, waiting (with reloads of the list) until the engine has created it. */
  async findTask(caseNumber: string, taskName: string, timeoutMs = 30_000) {
    const row = this.page.locator("tbody tr", { hasText: caseNumber }).filter({ hasText: taskName });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await row.count()) > 0) return row.first();
      await this.page.getByRole("button", { name: "Terapkan" }).click();
      await this.page.waitForTimeout(500);
    }
    throw new Error(`task "${taskName}" of ${caseNumber} did not appear in the inbox`);
  }

  async openTask(caseNumber: string, taskName: string): Promise<void> {
    const row = await this.findTask(caseNumber, taskName);
    await row.getByRole("link", { name: taskName }).click();
    await this.page.waitForURL(/\/tugas\/[^/]+$/);
  }

  /** Opens a case's task from "Belum diambil" and claims it: the task page, ready to work on. */
  async claimUnassigned(caseNumber: string, taskName: string): Promise<TaskPage> {
    await this.open();
    await this.showScope("Belum diambil");
    await this.openTask(caseNumber, taskName);
    const task = new TaskPage(this.page);
    await task.waitForLoaded(taskName);
    await task.claim();
    return task;
  }
}
