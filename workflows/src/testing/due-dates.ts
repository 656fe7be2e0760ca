/** The due-date and pinned-clock maths of the scenario runs, defined with the format in @alur/shared/scenario. */
export {
  clockShift,
  expectedCaseDue,
  expectedDue,
  factDuration,
  isoMillis,
  shiftCalendar,
} from "@alur/shared/scenario";
