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

  /** A filter's select by the start of its label: a bare getByLabel("Waktu layanan") also matches
   * the service select once a service named "Uji jeda waktu layanan" is published by another test. */
  select(label: string) {
    return this.filters().getByRole("combobox", { name: new RegExp(`^${label}`) });
  }

  async filter(input: { search?: string; status?: string }): Promise<void> {
    const form = this.filters();
    if (input.search !== undefined) await form.getByRole("searchbox").fill(input.search);
    if (input.status !== undefined) await this.select("Status").selectOption({ label: input.status });
    const answered = this.page.waitForResponse((r) => {
      const url = new URL(r.url());
      if (r.request().method() !== "GET" || url.pathname !== "/api/cases") return false;
      return input.search === undefined || [...url.searchParams.values()].includes(input.search);
    });
    await form.getByRole("button", { name: "Terapkan" }).click();
    await answered;
    // the previous rows stay shown, busy, until the new page renders
    await this.page.locator('[aria-busy="false"]:has([data-testid="case-list"])').waitFor();
  }

  row(caseNumber: string) {
    return this.page.getByTestId("case-list").locator("tbody tr", { hasText: caseNumber });
  }
}
