/** `alur due`: the due instant of a working-time duration, on the same calendar the runtime uses. */
import { parseArgs } from "node:util";
import { addWorkingDuration, CalendarError, formatLocal, receivedAt } from "@alur/shared/calendar";
import { calendarFor, findDistrict } from "@alur/shared/calendar/districts";
import type { WorkingDuration } from "@alur/shared/plan";
import type { Command } from "../command";

const UNITS = {
  "working-days": "workingDays",
  "working-hours": "workingHours",
  minutes: "minutes",
  hours: "hours",
  "calendar-days": "calendarDays",
  months: "months",
} as const;

const due: Command = {
  summary: "compute a due date in working days/hours on a district's business calendar",
  usage: [
    "Usage: alur due --district <code> --from <ISO date-time> (--working-days N | --working-hours N | --minutes N",
    "                | --hours N | --calendar-days N | --months N) [--json]",
    "",
    "Prints the due instant computed by the business calendar the runtime pins on each case:",
    "national holidays, cuti bersama and district holidays, office hours, the district's time zone.",
    "A --from without offset is read in the district's zone. Example:",
    "  alur due --district 3216 --from 2025-03-24T10:00 --working-days 14",
  ].join("\n"),
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        district: { type: "string" },
        from: { type: "string" },
        json: { type: "boolean", default: false },
        ...Object.fromEntries(Object.keys(UNITS).map((k) => [k, { type: "string" as const }])),
      },
      strict: true,
    });
    const v = values as Record<string, string | boolean | undefined>;
    const district = v.district as string | undefined;
    const from = v.from as string | undefined;
    const given = Object.entries(UNITS).filter(([flag]) => v[flag] !== undefined);
    if (!district || !from || given.length !== 1) {
      console.error(`${this.usage}\n\nGive --district, --from and exactly one duration.`);
      return 2;
    }
    const [flag, unit] = given[0]!;
    const value = Number(v[flag]);
    if (!Number.isFinite(value) || value < 0) {
      console.error(`alur due: --${flag} must be a non-negative number (angka tidak negatif).`);
      return 2;
    }
    if (!findDistrict(district)) {
      console.error(
        `alur due: kode wilayah "${district}" tidak dikenal / unknown district code. See \`alur districts\`.`,
      );
      return 2;
    }
    try {
      const year = Number(from.slice(0, 4));
      const years = Number.isFinite(year) ? [year, year + 1, year + 2] : [];
      const calendar = calendarFor(district, years);
      const duration: WorkingDuration = { value, unit };
      const dueAt = addWorkingDuration(calendar, from, duration);
      const received = new Date(receivedAt(calendar, from)).toISOString();
      const result = {
        district,
        from: formatLocal(from, calendar.utcOffsetMinutes),
        receivedAt: formatLocal(received, calendar.utcOffsetMinutes),
        duration,
        dueAt,
        dueAtLocal: formatLocal(dueAt, calendar.utcOffsetMinutes),
        officeHours: calendar.officeHours,
      };
      if (v.json) console.log(JSON.stringify(result, null, 2));
      else console.log(`${result.dueAtLocal}  (${dueAt})`);
      return 0;
    } catch (error) {
      if (error instanceof CalendarError) {
        console.error(`alur due: ${error.messages.id}\n          ${error.messages.en}`);
        return 2;
      }
      throw error;
    }
  },
};
export default due;
