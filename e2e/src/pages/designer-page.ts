/** The designer (/desainer): BPMN and step views, the properties panel, import and publish. */
import type { Page } from "playwright-core";

export interface PublishDetails {
  effectiveFrom: string;
  kind: string;
  number: string;
  year: string;
  title: string;
}

export class DesignerPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens the designer on a new model and waits for bpmn-js to draw it. */
  async openNew(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/desainer`);
    await this.canvasShape("verifikasi").waitFor({ timeout: 30_000 });
  }

  canvasShape(elementId: string) {
    return this.page.locator(`.djs-container [data-element-id="${elementId}"]`).first();
  }

  /** Imports a .bpmn file through the toolbar's import control, as a person choosing a file would. */
  async importBpmn(fileName: string, xml: string, waitForElementId: string): Promise<void> {
    await this.page.locator('input[type="file"][accept=".bpmn,.xml"]').setInputFiles({
      name: fileName,
      mimeType: "application/xml",
      buffer: Buffer.from(xml, "utf8"),
    });
    await this.canvasShape(waitForElementId).waitFor();
  }

  async showStepView(): Promise<void> {
    await this.page.getByRole("tab", { name: "Tampilan langkah" }).click();
    await this.page.locator('[data-testid="step-canvas"] .react-flow__node').first().waitFor();
  }

  async showBpmnView(): Promise<void> {
    await this.page.getByRole("tab", { name: "Tampilan BPMN" }).click();
    await this.page.locator(".djs-container svg").first().waitFor();
  }

  /** Selects the step card whose text contains `label`. */
  async selectStepCard(label: string): Promise<void> {
    await this.page.locator(".react-flow__node", { hasText: label }).first().click();
    await this.page.locator(".step-side form").waitFor();
  }

  /** Adds a step after the selected card and fills in what a step needs. */
  async addStepAfterSelected(step: { name: string; roles: string; slaValue: string }): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByRole("button", { name: "Tambah langkah sesudahnya" }).click();
    await side.getByLabel("Kegiatan").waitFor();
    await side.getByLabel("Kegiatan").fill(step.name);
    await side.getByLabel("Peran (pisahkan dengan koma)").fill(step.roles);
    await side.getByLabel("Batas waktu (SLA)").fill(step.slaValue);
    await side.getByRole("button", { name: "Terapkan" }).click();
    await this.page.locator(".react-flow__node", { hasText: step.name }).first().waitFor();
  }

  /** Clicks a shape on the canvas so the properties panel shows it. */
  async selectShape(elementId: string): Promise<void> {
    // clear the selection first: a selected element's context pad may lie over the target
    const canvas = this.page.getByTestId("modeler-canvas");
    const box = await canvas.boundingBox();
    if (box) await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 15);
    await this.canvasShape(elementId).click();
    await this.page.locator(".bio-properties-panel-header").waitFor();
  }

  /** Clicks a sequence flow on its line (a straight flow's box has no height, so no normal click). */
  async selectConnection(elementId: string): Promise<void> {
    const box = await this.canvasShape(elementId).boundingBox();
    if (!box) throw new Error(`flow ${elementId} is not drawn`);
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.locator(`.djs-element.selected[data-element-id="${elementId}"]`).waitFor({ state: "attached" });
  }

  /** Opens a properties-panel group (collapsed by default) and types into one of its text fields. */
  async setPanelField(groupId: string, entryId: string, value: string): Promise<void> {
    const group = this.page.locator(`[data-group-id="group-${groupId}"]`);
    const input = group.locator(`#bio-properties-panel-${entryId}`);
    if (!(await input.isVisible())) await group.locator(".bio-properties-panel-group-header").click();
    await input.fill(value);
    // the panel debounces input; leaving the field commits it
    await input.press("Tab");
  }

  panelField(groupId: string, entryId: string) {
    return this.page.locator(`[data-group-id="group-${groupId}"] #bio-properties-panel-${entryId}`);
  }

  problemCount() {
    return this.page.getByTestId("problem-count");
  }

  /** Presses the toolbar's publish button (which checks the model first). */
  async requestPublish(): Promise<void> {
    await this.page.getByRole("toolbar").getByRole("button", { name: "Terbitkan", exact: true }).click();
  }

  /** Publishes through the dialog: effective date and legal basis (e.g. a Perbup). */
  async publish(details: PublishDetails): Promise<void> {
    await this.requestPublish();
    const dialog = this.page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Tanggal berlaku").fill(details.effectiveFrom);
    await dialog.getByLabel("Jenis dasar hukum").selectOption(details.kind);
    await dialog.getByLabel("Nomor").fill(details.number);
    await dialog.getByLabel("Tahun").fill(details.year);
    await dialog.getByLabel("Tentang").fill(details.title);
    await dialog.getByRole("button", { name: "Terbitkan" }).click();
  }

  publishedNotice() {
    return this.page.getByRole("status").filter({ hasText: "diterbitkan" });
  }
}
