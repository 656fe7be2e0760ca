import { describe, expect, it } from "vitest";
import { staffServices } from "./staff-services";

describe("staffServices", () => {
  it("leaves out drafts and never-published services, naming each after its newest published version", () => {
    // given a published service with a renamed draft on top, a draft-only service and a retired one
    const items = [
      { processId: "adopsi", name: "Adopsi (draf baru)", version: 3, status: "draft" },
      { processId: "adopsi", name: "Pengangkatan Anak", version: 2, status: "published" },
      { processId: "adopsi", name: "Adopsi lama", version: 1, status: "retired" },
      { processId: "uji-coba", name: "Uji coba layanan", version: 1, status: "draft" },
      { processId: "lama", name: "Layanan lama", version: 4, status: "retired" },
    ];
    // when
    const options = staffServices(items);
    // then
    expect(options).toEqual([
      { processId: "lama", name: "Layanan lama", version: 4 },
      { processId: "adopsi", name: "Pengangkatan Anak", version: 2 },
    ]);
  });
});
