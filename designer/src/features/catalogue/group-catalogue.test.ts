import type { ProcessVersionView } from "@alur/shared/api";
import { describe, expect, it } from "vitest";
import { groupCatalogue } from "./group-catalogue";

const version = (over: Partial<ProcessVersionView>): ProcessVersionView => ({
  id: "v",
  processId: "adopsi",
  district: null,
  version: 1,
  name: "Pengangkatan Anak",
  status: "published",
  planHash: "h",
  effectiveFrom: null,
  legalBasis: null,
  createdBy: null,
  createdByName: null,
  template: null,
  createdAt: "2026-01-01T00:00:00Z",
  publishedAt: null,
  deploymentId: null,
  ...over,
});

describe("groupCatalogue", () => {
  it("separates the template from a district variant of the same process", () => {
    // given a national template and Bekasi's variant
    const rows = groupCatalogue([version({ id: "t1" }), version({ id: "b1", district: "3216" })]);
    // then
    expect(rows.map((r) => [r.kind, r.district])).toEqual([
      ["template", null],
      ["variant", "3216"],
    ]);
  });

  it("calls a district's own new service a district service, and a marked variant a variant", () => {
    const rows = groupCatalogue([
      version({ id: "own", processId: "rekomendasi_baru", name: "Rekomendasi Baru", district: "3216" }),
      version({ id: "var", processId: "adopsi_3216", name: "Adopsi Bekasi", district: "3216", template: "adopsi" }),
    ]);
    expect(rows.map((r) => [r.processId, r.kind])).toEqual([
      ["adopsi_3216", "variant"],
      ["rekomendasi_baru", "district"],
    ]);
  });

  it("keeps the newest published version and a newer draft apart", () => {
    const rows = groupCatalogue([
      version({ id: "v1", version: 1 }),
      version({ id: "v2", version: 2 }),
      version({ id: "v3", version: 3, status: "draft", name: "Pengangkatan Anak (baru)" }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.published?.id).toBe("v2");
    expect(rows[0]?.draft?.id).toBe("v3");
    expect(rows[0]?.versions.map((v) => v.id)).toEqual(["v3", "v2", "v1"]);
    expect(rows[0]?.name).toBe("Pengangkatan Anak");
  });
});
