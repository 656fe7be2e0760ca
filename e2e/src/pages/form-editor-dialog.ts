/** The designer's task-form dialog: the form-js editor (palette, canvas, its own properties panel). */
import type { Page } from "playwright-core";

export class FormEditorDialog {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId("form-editor-dialog");
  }

  /** Presses "Buat formulir" / "Ubah formulir" in the selected user task's Alur group. */
  async openFromPanel(label: "Buat formulir" | "Ubah formulir"): Promise<void> {
    const group = this.page.locator('[data-group-id="group-alur-task"]');
    const button = group.getByRole("button", { name: label });
    if (!(await button.isVisible())) await group.locator(".bio-properties-panel-group-header").click();
    await button.click();
    await this.root().locator(".fjs-palette").waitFor({ timeout: 30_000 });
  }

  /**
   * Adds a palette component at the end of the form. form-js adds the focused palette entry on
   * Enter, which is what a keyboard user does and needs no drag and drop.
   */
  async addComponent(type: string): Promise<void> {
    const before = await this.formFields().count();
    await this.root().locator(`.fjs-palette-field[data-field-type="${type}"]`).focus();
    await this.page.keyboard.press("Enter");
    await this.page.waitForFunction(
      ([selector, n]) => document.querySelectorAll(selector as string).length > (n as number),
      [`[data-testid="form-editor-dialog"] .fjs-form-field:not(.fjs-powered-by)`, before] as const,
    );
  }

  formFields() {
    return this.root().locator(".fjs-form-field:not(.fjs-powered-by)");
  }

  /** Selects a field on the form canvas so the editor's properties panel shows it. */
  async selectField(index: number): Promise<void> {
    await this.root()
      .locator(".fjs-editor-container .fjs-element")
      .nth(index + 1)
      .click();
  }

  private panel() {
    return this.root().locator(".fjs-properties-container");
  }

  private async openGroup(groupId: string): Promise<void> {
    const group = this.panel().locator(`[data-group-id="group-${groupId}"]`);
    const header = group.locator(".bio-properties-panel-group-header");
    if (!(await header.getAttribute("class"))?.includes("open")) await header.click();
  }

  /** Sets the selected field's label (a templating editor, not a plain input). */
  async setLabel(text: string): Promise<void> {
    await this.openGroup("general");
    const editor = this.panel().locator('[data-entry-id="label"] [contenteditable="true"]');
    await editor.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Tab");
  }

  async setKey(key: string): Promise<void> {
    await this.openGroup("general");
    const input = this.panel().locator('[data-entry-id="key"] input');
    await input.fill(key);
    await input.press("Tab");
  }

  async setRequired(): Promise<void> {
    await this.openGroup("validation");
    const box = this.panel().locator('[data-entry-id="required"] input[type="checkbox"]');
    if (!(await box.isChecked())) await box.check();
  }

  async showPreview(): Promise<void> {
    await this.root().getByRole("tab", { name: "Pratinjau" }).click();
    await this.root().getByTestId("form-editor-preview").locator(".fjs-form").waitFor();
  }

  async showEditor(): Promise<void> {
    await this.root().getByRole("tab", { name: "Ubah" }).click();
  }

  async save(): Promise<void> {
    await this.root().getByRole("button", { name: "Simpan formulir" }).click();
  }

  problems() {
    return this.root().getByTestId("form-editor-problems");
  }
}
