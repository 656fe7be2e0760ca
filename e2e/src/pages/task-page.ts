/** One task: claim it, then complete it. */
import type { Page } from "playwright-core";

export class TaskPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(taskName: string): Promise<void> {
    await this.page.getByRole("heading", { level: 1, name: taskName }).waitFor();
  }

  async claim(): Promise<void> {
    await this.page.getByRole("button", { name: "Ambil tugas" }).click();
    await this.page.getByRole("button", { name: "Lepaskan" }).waitFor();
  }

  /** Opens the delegate dialog with the keyboard, picks the colleague and confirms. */
  async delegateTo(displayName: string): Promise<void> {
    await this.openDelegateDialog();
    await this.page.getByRole("radio", { name: displayName }).focus();
    await this.page.keyboard.press("Space");
    await this.page.getByRole("dialog").getByRole("button", { name: "Delegasikan" }).focus();
    await this.page.keyboard.press("Enter");
  }

  async openDelegateDialog(): Promise<void> {
    await this.page.getByRole("button", { name: "Delegasikan" }).focus();
    await this.page.keyboard.press("Enter");
    await this.page.getByRole("dialog", { name: "Delegasikan tugas" }).waitFor();
  }

  async comment(text: string): Promise<void> {
    await this.page.getByLabel("Tambah komentar").fill(text);
    await this.page.getByRole("button", { name: "Kirim" }).click();
    await this.page.locator(".timeline li", { hasText: text }).waitFor();
  }

  /** Completes the task; the app goes back to the inbox. */
  async complete(): Promise<void> {
    await this.page.getByRole("button", { name: "Selesaikan" }).click();
    await this.page.waitForURL((url) => url.pathname === "/tugas", { timeout: 30_000 });
  }
}
