/** i18next set-up: Bahasa Indonesia by default, English on request; one dictionary per language. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import id from "./id.json";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "alur.lang";

function storedLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "id";
}

/** Initialises i18next once and returns it. */
export function setupI18n(): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: storedLanguage(),
      fallbackLng: "id",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    document.documentElement.lang = i18n.language;
  }
  return i18n;
}

/** Switches the language and remembers the choice. */
export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18n };
