import { describe, expect, it } from "vitest";
import { isPublicPath } from "./public-paths";
import { PUBLIC_ROUTES } from "./public-routes";

describe("isPublicPath", () => {
  it("takes every public page, with or without a trailing slash", () => {
    for (const path of [
      "/publik/3216",
      "/publik/3216/",
      "/publik/3216/pengangkatan_anak_3216",
      "/publik/3216/pengangkatan_anak_3216/ajukan",
      "/lacak",
      "/survei",
      "/pengaduan",
      "/pengaduan/lacak/",
    ]) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });

  it("takes every route of the public app, so none of them opens the staff app", () => {
    for (const pattern of Object.values(PUBLIC_ROUTES)) {
      const path = pattern.replace(/:[a-zA-Z]+/g, "x1");
      expect(isPublicPath(path), pattern).toBe(true);
    }
  });

  it("leaves the staff pages, including those whose names begin alike, to the staff app", () => {
    for (const path of [
      "/",
      "/masuk",
      "/tugas",
      "/survei-kepuasan",
      "/pengaduan-masuk",
      "/publik",
      "/publik/3216/layanan/lain/lagi",
      "/lacakan",
      "/layanan/abc/standar",
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
