/** Daftar Permohonan: the case list with its filters and export. */
import type { Page } from "playwright-core";

export class CaseListPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/permohonan`);
    await this.page.getByRole("heading", { level: 1, name: "Daftar Permohonan" }).waitFor();
  }

  filters() {
    return this.page.getByRole("form", { name: "Filter permohonan" });
  }

  async filter(input: { search?: string; status?: string }): Promise<void> {
    const form = this.filters();
    if (input.search !== undefined) await form.getByRole("searchbox").fill(input.search);
    if (input.status !== undefined) await form.getByLabel("Status").selectOption({ label: input.status });
    await form.getByRole("button", { name: "Terapkan" }).click();
  }

  row(caseNumber: string) {
    return this.page.getByTestId("case-list").locator("tbody tr", { hasText: caseNumber });
  }
}
