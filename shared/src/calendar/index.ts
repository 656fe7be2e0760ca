/**
 * Working time for Indonesian district offices: the BusinessCalendar schema and pure maths over
 * it. Safe in workflow code. Building a calendar from holiday data lives in
 * `@alur/shared/calendar/districts` (it pulls in date-holidays, which workflow code must not).
 */
export {
  BusinessCalendar,
  type BusinessCalendarInput,
  CalendarError,
  type CalendarMessage,
  OfficeHours,
  TIME_ZONES,
  TimeZoneName,
} from "./business-calendar";
export { formatLocal, localParts, parseInstant } from "./local-time";
export { addWorkingDuration, isWorkingDay, officeDayMinutes, receivedAt, workingTimeBetween } from "./working-time";
