/** The designer (/desainer): BPMN and step views, the properties panel, import and publish. */
import type { Page } from "playwright-core";

export interface PublishDetails {
  effectiveFrom: string;
  kind: string;
  number: string;
  year: string;
  title: string;
}

export interface StepDetails {
  name: string;
  /** Role names as the step editor lists them ("Pekerja Sosial"). */
  roles?: string[];
  slaValue?: string;
  /** Requirement names as the service standard lists them. */
  documents?: string[];
  pausesClock?: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

  /** Opens the designer on a deployed version and waits until its model is drawn and checked. */
  async openVersion(versionId: string, elementId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/desainer/${encodeURIComponent(versionId)}`);
    await this.canvasShape(elementId).waitFor({ timeout: 30_000 });
    await this.problemCount().waitFor();
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

  /** The step card whose title is `label`. */
  stepCard(label: string) {
    return this.page
      .locator(".react-flow__node")
      .filter({ has: this.page.locator(".step-card-title", { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
  }

  /** Selects the step card whose title is `label`. */
  async selectStepCard(label: string): Promise<void> {
    await this.stepCard(label).click();
    await this.page.locator(".step-side [data-testid=node-form]").waitFor();
  }

  /** Fills in the selected step (roles and documents by their names, as listed) and applies it. */
  async fillSelectedStep(step: StepDetails): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByLabel("Kegiatan").fill(step.name);
    for (const role of step.roles ?? []) await side.getByLabel(role, { exact: true }).check();
    if (step.slaValue !== undefined) await side.getByLabel("Batas waktu (SLA)").fill(step.slaValue);
    for (const doc of step.documents ?? []) await side.getByLabel(doc, { exact: true }).check();
    if (step.pausesClock) await side.getByLabel(/jam layanan berhenti/).check();
    await side.getByRole("button", { name: "Terapkan", exact: true }).click();
    await this.stepCard(step.name).waitFor();
  }

  /** Adds a step after the selected card and fills in what a step needs. */
  async addStepAfterSelected(step: StepDetails): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByRole("button", { name: "Tambah langkah sesudahnya" }).click();
    await this.fillSelectedStep(step);
  }

  /** Adds a yes/no question to the selected step's form. */
  async addQuestion(label: string): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByLabel("Pertanyaan ya/tidak baru").fill(label);
    await side.getByRole("button", { name: "Tambah pertanyaan ya/tidak" }).click();
    await side.getByTestId("questions").getByText(label).waitFor();
  }

  /** Adds a yes/no decision after the selected card on the answer to `question`, named `name`. */
  async addDecisionAfterSelected(name: string, question: string): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByRole("button", { name: "Tambah keputusan sesudahnya" }).click();
    await side.getByLabel("Putuskan berdasarkan jawaban").selectOption({ label: question });
    await side.getByLabel("Kegiatan").fill(name);
    await side.getByRole("button", { name: "Terapkan", exact: true }).click();
    await this.stepCard(name).waitFor();
  }

  /** Selects a branch of the selected decision by its name ("Ya", "Tidak"). */
  async selectBranch(name: string): Promise<void> {
    const side = this.page.locator(".step-side");
    await side.getByRole("button", { name: new RegExp(`^${escapeRegExp(name)} →`) }).click();
    await side.getByTestId("branch-form").waitFor();
  }

  /** Points the selected branch at another card (e.g. back to an earlier step). */
  async branchLeadsTo(label: string): Promise<void> {
    const select = this.page.locator(".step-side").getByTestId("leads-to");
    const option = select.locator("option", { hasText: new RegExp(`^${escapeRegExp(label)} \\(`) });
    await select.selectOption(await option.first().getAttribute("value"));
  }

  /** Adds a step on the selected branch and fills it in. */
  async addStepOnBranch(step: StepDetails): Promise<void> {
    await this.page.locator(".step-side").getByRole("button", { name: "Tambah langkah di cabang ini" }).click();
    await this.page.locator(".step-side [data-testid=node-form]").waitFor();
    await this.fillSelectedStep(step);
  }

  /** Clicks a shape on the canvas so the properties panel shows it. */
  async selectShape(elementId: string): Promise<void> {
    // clear the selection first: a selected element's context pad may lie over the target
    const canvas = this.page.getByTestId("modeler-canvas");
    // mouse positions are in the viewport: bring the canvas into it first
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (box) await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 15);
    // a fitted diagram may lie partly under the palette: scroll the canvas as a person would
    const palette = await this.page.locator(".djs-palette").boundingBox();
    for (let tries = 0; box && palette && tries < 8; tries++) {
      const shape = await this.canvasShape(elementId).boundingBox();
      const hidden = shape && shape.x < palette.x + palette.width + 10 && shape.y < palette.y + palette.height + 10;
      if (!hidden) break;
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await this.page.mouse.wheel(-(palette.x + palette.width + 40 - shape.x), 0);
    }
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

  /** Opens a properties-panel group if needed and picks an option of one of its select fields. */
  async setPanelSelect(groupId: string, entryId: string, value: string): Promise<void> {
    const group = this.page.locator(`[data-group-id="group-${groupId}"]`);
    const select = group.locator(`#bio-properties-panel-${entryId}`);
    if (!(await select.isVisible())) await group.locator(".bio-properties-panel-group-header").click();
    await select.selectOption(value);
  }

  /** Clicks an empty part of the canvas, so the properties panel shows the process itself. */
  async selectCanvasRoot(): Promise<void> {
    const box = await this.page.getByTestId("modeler-canvas").boundingBox();
    if (!box) throw new Error("the canvas is not drawn");
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 15);
    await this.page.locator('[data-group-id="group-alur-standard"]').waitFor();
  }

  panelField(groupId: string, entryId: string) {
    return this.page.locator(`[data-group-id="group-${groupId}"] #bio-properties-panel-${entryId}`);
  }

  problemCount() {
    return this.page.getByTestId("problem-count");
  }

  /** The entries of the problems list. */
  problems() {
    return this.page.getByTestId("problem");
  }

  /** Clicks the problem about an element, as an admin following it to the diagram would. */
  async clickProblem(elementId: string): Promise<void> {
    await this.page.locator(`[data-testid="problem"][data-element-id="${elementId}"] button`).first().click();
  }

  /** Picks the properties panel's mode: "Sederhana" (simple) or "Lengkap" (full). */
  async setPanelMode(mode: "simple" | "full"): Promise<void> {
    await this.page.getByTestId("panel-mode").locator(`input[value="${mode}"]`).check();
  }

  panelMode() {
    return this.page.getByTestId("panel-mode").locator("input:checked");
  }

  /** Whether the properties panel shows a group (by its provider id). */
  panelGroup(groupId: string) {
    return this.page.locator(`[data-group-id="group-${groupId}"]`);
  }

  /** Presses the toolbar's "Simpan draf" button. */
  async saveDraft(): Promise<void> {
    await this.page.getByRole("toolbar").getByRole("button", { name: "Simpan draf", exact: true }).click();
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

  /**
   * Publishes with what the dialog proposes (the model's own legal basis and effective date) and
   * returns what it proposed.
   */
  async publishAsProposed(): Promise<PublishDetails> {
    await this.requestPublish();
    const dialog = this.page.getByRole("dialog");
    await dialog.waitFor();
    const proposed = {
      effectiveFrom: await dialog.getByLabel("Tanggal berlaku").inputValue(),
      kind: await dialog.getByLabel("Jenis dasar hukum").inputValue(),
      number: await dialog.getByLabel("Nomor").inputValue(),
      year: await dialog.getByLabel("Tahun").inputValue(),
      title: await dialog.getByLabel("Tentang").inputValue(),
    };
    await dialog.getByRole("button", { name: "Terbitkan" }).click();
    return proposed;
  }

  publishedNotice() {
    return this.page.getByRole("status").filter({ hasText: "diterbitkan" });
  }
}
