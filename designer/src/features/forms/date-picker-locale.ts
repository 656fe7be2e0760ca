/**
 * form-js' date fields use flatpickr, whose calendar (month and weekday names) is English unless
 * a locale is set; form-js passes none. The default locale is global and read when a calendar is
 * made, so the calendars already shown under `root` are switched too.
 */
import flatpickr from "flatpickr";
import { english } from "flatpickr/dist/l10n/default.js";
import { Indonesian } from "flatpickr/dist/l10n/id.js";

type WithCalendar = HTMLInputElement & { _flatpickr?: { set(option: "locale", value: unknown): void } };

export function localizeDatePicker(language: string, root?: Element): void {
  const locale = language === "en" ? english : Indonesian;
  flatpickr.localize(locale);
  for (const input of root?.querySelectorAll<WithCalendar>("input") ?? []) input._flatpickr?.set("locale", locale);
}
