/** `alur districts`: the districts (and provinces) whose calendars and office hours Alur knows. */
import { TIME_ZONES } from "@alur/shared/calendar";
import { bundledCalendarData, holidaysFor, listDistricts } from "@alur/shared/calendar/districts";
import type { Command } from "../command";

const districts: Command = {
  summary: "list districts: code, name, province, time zone, office hours, local holidays",
  usage: [
    "Usage: alur districts [--json] [--holidays <year>]",
    "",
    "Districts are data (shared/src/calendar/data/districts.json), not code. --holidays <year>",
    "adds each district's holidays of that year (national, cuti bersama, local) with their source.",
  ].join("\n"),
  async run(args) {
    const json = args.includes("--json");
    const yearArg = args.indexOf("--holidays");
    const year = yearArg >= 0 ? Number(args[yearArg + 1]) : null;
    if (year !== null && !Number.isInteger(year)) {
      console.error("alur districts: --holidays needs a year, e.g. --holidays 2026");
      return 2;
    }
    const rows = listDistricts().map((d) => ({
      ...d,
      utcOffsetMinutes: TIME_ZONES[d.timeZone],
      ...(year !== null ? { holidays: holidaysFor(d, year) } : {}),
    }));
    if (json) {
      const years = bundledCalendarData.years.map((y) => ({ year: y.year, source: y.source }));
      console.log(JSON.stringify({ districts: rows, holidayData: years }, null, 2));
      return 0;
    }
    console.log(`${"code".padEnd(6)} ${"name".padEnd(28)} ${"province".padEnd(20)} zone  office hours`);
    for (const d of rows) {
      console.log(
        `${d.code.padEnd(6)} ${d.name.padEnd(28)} ${(d.province ?? "-").padEnd(20)} ${d.timeZone.padEnd(5)} ${d.officeHours.start}-${d.officeHours.end}${d.localHolidays.length ? `  local holidays: ${d.localHolidays.length}` : ""}`,
      );
      if (d.holidays) for (const h of d.holidays) console.log(`         ${h.date}  ${h.kind.padEnd(11)} ${h.name}`);
    }
    return 0;
  },
};
export default districts;
