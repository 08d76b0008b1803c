// A tiny typed t(): en.ts defines the keys, every other locale must translate all of them.
// en is built in; the others are small lazy chunks, so the first screen carries one catalog.
// The current locale lives in a module store so the API client can send it too.
import { createElement, Fragment, useCallback, useSyncExternalStore, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './en';

export type { MessageKey };

export type Locale = 'en' | 'ja' | 'ko' | 'th' | 'zh-TW';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  ja: () => import('./ja').then((m) => m.ja),
  ko: () => import('./ko').then((m) => m.ko),
  th: () => import('./th').then((m) => m.th),
  'zh-TW': () => import('./zh-tw').then((m) => m.zhTW),
};
const catalogs: Partial<Record<Locale, Messages>> = { en };

/** Names shown in the switcher, each in its own language. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  ja: '日本語',
  ko: '한국어',
  th: 'ไทย',
  'zh-TW': '繁體中文',
};

const STORAGE_KEY = 'liff-calls.locale';
const listeners = new Set<() => void>();
let current: Locale = 'en';
let requested: Locale = 'en';

/** Maps BCP 47 tags ("ja-JP", "zh-Hant-TW", "th") to a supported locale, first match wins. */
export function matchLocale(tags: readonly string[]): Locale | null {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) {
      // Traditional Chinese only: Taiwan, Hong Kong, Macau or an explicit Hant script.
      if (/^zh-(hant|tw|hk|mo)/.test(lower)) return 'zh-TW';
      continue;
    }
    const base = lower.split('-')[0];
    if (base === 'en' || base === 'ja' || base === 'ko' || base === 'th') return base;
  }
  return null;
}

function savedLocale(): Locale | null {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved && saved in localeNames ? (saved as Locale) : null;
}

// The splash speaks the browser's language while LIFF starts.
void applyLocale(savedLocale() ?? matchLocale(navigator.languages) ?? 'en');

/** Called once LIFF knows the app language; a choice made in the switcher wins. */
export function initLocale(appLanguage: string): Promise<void> {
  return applyLocale(savedLocale() ?? matchLocale([appLanguage, ...navigator.languages]) ?? 'en');
}

export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  void applyLocale(locale);
}

export function getLocale(): Locale {
  return current;
}

async function applyLocale(locale: Locale): Promise<void> {
  requested = locale;
  if (locale !== 'en' && !catalogs[locale]) {
    try {
      catalogs[locale] = await loaders[locale]();
    } catch {
      return; // Offline or a stale deploy: keep the current language rather than fail.
    }
  }
  if (requested !== locale) return; // A later choice won the race.
  current = locale;
  document.documentElement.lang = locale;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function translate(
  locale: Locale,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const text = (catalogs[locale] ?? en)[key];
  return vars
    ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match))
    : text;
}

/** Like translate, but placeholders may be React nodes (for <code> inside a sentence). */
function translateRich(
  locale: Locale,
  key: MessageKey,
  nodes: Record<string, ReactNode>,
): ReactNode[] {
  return (catalogs[locale] ?? en)[key]
    .split(/(\{\w+\})/)
    .map((part, i) =>
      createElement(Fragment, { key: i }, /^\{\w+\}$/.test(part) ? nodes[part.slice(1, -1)] : part),
    );
}

export function useI18n() {
  const locale = useSyncExternalStore(subscribe, getLocale);
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const tRich = useCallback(
    (key: MessageKey, nodes: Record<string, ReactNode>) => translateRich(locale, key, nodes),
    [locale],
  );
  return { locale, t, tRich };
}
