/**
 * i18next set-up: Bahasa Indonesia by default, English on request; one dictionary per language.
 * The English one is its own chunk, fetched only when chosen, so the default first load is lighter.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import id from "./id.json";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "alur.lang";

function storedLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "id";
}

/** Adds a language's dictionary unless it is there (Indonesian always is). */
async function loadDictionary(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, "translation")) return;
  const en = (await import("./en.json")).default;
  i18n.addResourceBundle("en", "translation", en);
}

/** Initialises i18next once, with the stored language's dictionary loaded, and returns it. */
export async function setupI18n(): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      resources: { id: { translation: id } },
      lng: "id",
      fallbackLng: "id",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    const stored = storedLanguage();
    if (stored !== "id") {
      await loadDictionary(stored);
      await i18n.changeLanguage(stored);
    }
    document.documentElement.lang = i18n.language;
  }
  return i18n;
}

/** Switches the language (once its dictionary is loaded) and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await loadDictionary(lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18n };
