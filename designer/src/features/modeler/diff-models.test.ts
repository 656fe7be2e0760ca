import { describe, expect, it } from "vitest";
import { diffModels } from "./diff-models";
import { newDiagramXml } from "./new-diagram";

describe("diffModels", () => {
  it("reports a renamed task and a removed one between two versions", async () => {
    // given the same service twice, the second with the task renamed
    const before = newDiagramXml("adopsi");
    const after = before.replace('name="Verifikasi berkas"', 'name="Verifikasi dan validasi berkas"');
    // when
    const d = await diffModels(before, after);
    // then
    expect(d.changed).toEqual([{ id: "verifikasi", attrs: ["name"] }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it("sees nothing between a model and itself", async () => {
    const xml = newDiagramXml("adopsi");
    const d = await diffModels(xml, xml);
    expect([d.added, d.removed, d.changed, d.layout]).toEqual([[], [], [], []]);
  });
});
