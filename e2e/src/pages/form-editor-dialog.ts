/** The designer's task-form dialog: the form-js editor (palette, canvas, its own properties panel). */
import type { Page } from "playwright-core";

export class FormEditorDialog {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId("form-editor-dialog");
  }

  /** Presses "Buat formulir" / "Ubah formulir" (in English "Create form") in the selected user task's Alur group. */
  async openFromPanel(label: "Buat formulir" | "Ubah formulir" | "Create form"): Promise<void> {
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

  /** The component types the palette offers, in its order. */
  async paletteTypes(): Promise<string[]> {
    return this.root()
      .locator(".fjs-palette-field")
      .evaluateAll((entries) => entries.map((e) => (e as HTMLElement).dataset.fieldType ?? ""));
  }

  /** Types into the palette's search box. */
  async searchPalette(text: string): Promise<void> {
    await this.root().locator(".fjs-palette-search").fill(text);
  }

  paletteLabels() {
    return this.root().locator(".fjs-palette-field-text");
  }

  /**
   * Opens every group of the properties panel and every entry of its lists (options, columns,
   * custom properties), so all their entries are drawn.
   */
  async openAllGroups(): Promise<void> {
    const closed =
      ".bio-properties-panel-group-header:not(.open), .bio-properties-panel-collapsible-entry:not(.open) > .bio-properties-panel-collapsible-entry-header";
    // opening one draws the next level; stop when nothing closed is left. In the page, one frame
    // per click: a round trip per click made the walk over every component take minutes.
    await this.panel().evaluate(async (panel, selector) => {
      for (let round = 0; round < 50; round++) {
        const header = panel.querySelector<HTMLElement>(selector);
        if (!header) return;
        header.click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }, closed);
  }

  /** The panel header's name of the selected field (what the user called it). */
  headerLabel() {
    return this.panel().locator(".bio-properties-panel-header-label");
  }

  /**
   * Every text the editor itself shows: text nodes, placeholders, titles and aria-labels in the
   * palette, the properties panel and the canvas' own hints and buttons. What the user wrote is left
   * out: the panel header's field name, list entries named by their options, the default value's
   * options, and the text and expression editors.
   */
  async chromeTexts(): Promise<string[]> {
    return this.root().evaluate((root) => {
      const containers = root.querySelectorAll(
        ".fjs-palette-container, .fjs-properties-container, .fjs-context-pad, .fjs-empty-editor, .fjs-empty-component, .fjs-form-field-placeholder, .fjs-repeat-render-footer",
      );
      const user =
        "[contenteditable], .cm-editor, .bio-properties-panel-header-label, .bio-properties-panel-collapsible-entry-header-title:not(.empty)";
      const userOption = (el: Element) => {
        const option = el.closest("option");
        return Boolean(option?.closest('[data-entry-id="defaultValue"]') && option.value !== "");
      };
      const out = new Set<string>();
      for (const container of Array.from(containers)) {
        const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let node: Node | null = container; node; node = walker.nextNode()) {
          const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
          if (!element || element.closest(user) || userOption(element)) continue;
          if (node.nodeType === Node.TEXT_NODE) {
            const text = node.textContent?.trim();
            if (text) out.add(text);
            continue;
          }
          for (const name of ["placeholder", "title", "aria-label"]) {
            const value = element.getAttribute(name)?.trim();
            if (value) out.add(value);
          }
        }
      }
      return [...out];
    });
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
