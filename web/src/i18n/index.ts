import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ja from './ja';
import en from './en';

export type Lang = 'ja' | 'en';
export const LANGS: Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'mamori.lang';

function initialLang(): Lang {
  // ?lang=en in the address wins (links, tests); then the last choice; then Japanese.
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'ja' || fromUrl === 'en') return fromUrl;
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'ja' || stored === 'en') return stored;
  } catch {
    // storage may be blocked: Japanese
  }
  return 'ja';
}

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'ja',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});

function syncDocument(lng: string): void {
  document.documentElement.lang = lng === 'en' ? 'en' : 'ja';
  document.title = lng === 'en' ? 'mamori' : 'mamori (守り)';
}
syncDocument(i18n.language);
i18n.on('languageChanged', (lng) => {
  syncDocument(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** A key built at run time (reasons, roles, kinds…): falls back to `fallback` when missing. */
export function tk(key: string, fallback?: string, options?: Record<string, unknown>): string {
  if (!i18n.exists(key)) return fallback ?? key;
  return (i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);
}

export default i18n;
