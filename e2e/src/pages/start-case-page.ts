/** Permohonan baru: front office registers a case with the applicant's documents. */
import type { Page } from "playwright-core";

export interface Upload {
  requirementName: string;
  fileName: string;
  buffer: Buffer;
  mimeType: string;
}

export class StartCasePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/permohonan/baru`);
    await this.page.getByLabel("Layanan").waitFor();
  }

  /** Chooses the service whose option text starts with `serviceName`. */
  async chooseService(serviceName: string): Promise<void> {
    const select = this.page.getByLabel("Layanan");
    const value = await select
      .locator("option", { hasText: serviceName })
      .first()
      .getAttribute("value", { timeout: 10_000 });
    if (!value) throw new Error(`service ${serviceName} is not offered`);
    await select.selectOption(value);
  }

  async fillApplicant(applicant: { name: string; nik: string; phone: string; address: string }): Promise<void> {
    await this.page.getByLabel("Nama lengkap").fill(applicant.name);
    await this.page.getByLabel("NIK").fill(applicant.nik);
    await this.page.getByLabel("Telepon").fill(applicant.phone);
    await this.page.getByLabel("Alamat").fill(applicant.address);
  }

  async upload(file: Upload): Promise<void> {
    await this.page
      .getByLabel(file.requirementName)
      .setInputFiles({ name: file.fileName, mimeType: file.mimeType, buffer: file.buffer });
  }

  /** Submits and returns the new case's id from the case page it lands on. */
  async submit(): Promise<string> {
    await this.page.getByRole("button", { name: "Daftarkan permohonan" }).click();
    await this.page.waitForURL(/\/permohonan\/(?!baru)[^/]+$/, { timeout: 30_000 });
    return new URL(this.page.url()).pathname.split("/").pop() ?? "";
  }
}
