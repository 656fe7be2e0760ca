import { describe, expect, it } from "vitest";
import { checkImport, type ImportContext, parseImport } from "./user-import";

const ctx: ImportContext = {
  orgUnits: new Map([
    ["3216", { id: "3216", kind: "district", code: "3216" }],
    ["ID", { id: "ID", kind: "national", code: "ID" }],
  ]),
  knownRoles: new Set(["back-office", "front-office", "super-admin"]),
  takenUsernames: new Set(["bks.ada"]),
  mayManage: (district) => district === "3216",
  mayGrant: (roles) => !roles.includes("super-admin"),
};

describe("CSV import", () => {
  it("reads quoted fields, a BOM, CRLF and the line of each row", () => {
    // given a file as a spreadsheet saves it
    const csv =
      '\uFEFFusername,displayName,district,roles\r\nbks.a,"Siti, S.Sos",3216,back-office;front-office\r\n\r\nbks.b,Budi,3216,back-office\r\n';
    // when
    const parsed = parseImport(csv);
    // then
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 2, username: "bks.a", displayName: "Siti, S.Sos", roles: ["back-office", "front-office"] },
        { line: 4, username: "bks.b" },
      ],
    });
  });

  it("names every problem of a row, with its line, in both languages", () => {
    const parsed = parseImport("username,displayName,district,roles\nbks.ada,,ID,super-admin;nope\n");
    if (!parsed.ok) throw new Error("expected rows");
    const [row] = checkImport(parsed.rows, ctx);
    expect(row!.errors.map((e) => e.en)).toEqual([
      'Line 2: username "bks.ada" is taken.',
      "Line 2: the display name is required (at most 120 characters).",
      'Line 2: you may not manage users of unit "ID".',
      "Line 2: unknown roles: nope.",
    ]);
    expect(row!.errors[0]!.id).toBe('Baris 2: nama pengguna "bks.ada" sudah dipakai.');
  });

  it("refuses an empty file, a wrong header and an unclosed quote as one error each", () => {
    expect(parseImport("username,displayName,district,roles\n")).toMatchObject({ ok: false, line: 2 });
    expect(parseImport("a,b\n1,2\n")).toMatchObject({ ok: false, line: 1 });
    expect(parseImport('username,displayName,district,roles\nx,"y,3216,r\n')).toMatchObject({ ok: false });
  });
});
