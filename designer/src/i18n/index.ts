/**
 * i18next set-up: Bahasa Indonesia by default, English on request. Each language's dictionary is in
 * two parts: what the public pages say (`public.<lang>.json`, in the first load) and everything
 * the staff pages say (`<lang>.json`, its own chunk, loaded before the sign-in page or the staff
 * frame renders), so a phone opening a public page downloads only the first. English is fetched
 * only when chosen.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import id from "./public.id.json";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "alur.lang";

type Part = "public" | "staff";
const loaded = new Set<string>(["id:public"]);
let staffWanted = false;

function storedLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "id";
}

async function dictionary(lang: Language, part: Part): Promise<Record<string, unknown>> {
  if (part === "public") return (await import("./public.en.json")).default;
  return lang === "en" ? (await import("./en.json")).default : (await import("./id.json")).default;
}

/** Adds a part of a language's dictionary unless it is there (deep: both parts share one namespace). */
async function load(lang: Language, part: Part): Promise<void> {
  const key = `${lang}:${part}`;
  if (loaded.has(key)) return;
  i18n.addResourceBundle(lang, "translation", await dictionary(lang, part), true, false);
  loaded.add(key);
}

/** What the current language needs: its public part, and its staff part once a staff page asked. */
async function loadLanguage(lang: Language): Promise<void> {
  await load(lang, "public");
  if (staffWanted) await Promise.all([load(lang, "staff"), lang === "id" ? undefined : load("id", "staff")]);
}

/** Loads the staff pages' words (both the current language and the Indonesian fallback). */
export async function loadStaffDictionary(): Promise<void> {
  staffWanted = true;
  await loadLanguage(i18n.language === "en" ? "en" : "id");
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
      await loadLanguage(stored);
      await i18n.changeLanguage(stored);
    }
    document.documentElement.lang = i18n.language;
  }
  return i18n;
}

/** Switches the language (once its dictionary is loaded) and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18n };
