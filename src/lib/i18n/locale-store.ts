// The current locale and its loaded strings, in a module store free of React so the API client
// (and the requests a deep link preloads before any page renders) can send it too; index.ts
// has the hook. Each locale comes in two parts: `start`, the first screen's strings (en.ts, built
// into the entry; the other languages are small lazy chunks), and `more`, the rest (more/*.ts,
// loaded together with the chunks that show them). So Setup carries one short catalog, and a
// page never waits for its strings after its code.
import { messages as en, type StartMessages } from './en';
import type { MoreMessages } from './more/en';

type Messages = StartMessages & MoreMessages;
export type MessageKey = keyof Messages;

export type Locale = 'en' | 'ja' | 'ko' | 'th' | 'zh-TW';
type Part = 'start' | 'more';

const loaders: Record<`${Locale}/${Part}`, () => Promise<{ messages: Partial<Messages> }>> = {
  'en/start': async () => ({ messages: en }),
  'en/more': () => import('./more/en'),
  'ja/start': () => import('./ja'),
  'ja/more': () => import('./more/ja'),
  'ko/start': () => import('./ko'),
  'ko/more': () => import('./more/ko'),
  'th/start': () => import('./th'),
  'th/more': () => import('./more/th'),
  'zh-TW/start': () => import('./zh-tw'),
  'zh-TW/more': () => import('./more/zh-tw'),
};
const catalogs: Partial<Record<Locale, Partial<Messages>>> = { en };
const loading = new Map<string, Promise<void>>();
/** The parts the app has asked for so far: a new language loads all of them before it shows. */
const needed = new Set<Part>(['start']);

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
function matchLocale(tags: readonly string[]): Locale | null {
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

/** The language shown, or the one it is switching to: the language the API should answer in. */
export function targetLocale(): Locale {
  return requested;
}

/**
 * The strings beyond the first screen, in the language shown (and in the one on its way, if the
 * user has just switched); English when they cannot be loaded, and the keys themselves if even
 * those cannot: a page whose code did load still shows. Lazy chunks wait for this.
 */
export async function loadMoreStrings(): Promise<void> {
  needed.add('more');
  const locales = new Set([current, requested]);
  await Promise.all([...locales].map((locale) => loadPart(locale, 'more')))
    .catch(() => loadPart('en', 'more'))
    .catch(() => {});
}

function loadPart(locale: Locale, part: Part): Promise<void> {
  const key = `${locale}/${part}` as const;
  let promise = loading.get(key);
  if (!promise) {
    promise = loaders[key]().then(({ messages }) => {
      catalogs[locale] = { ...catalogs[locale], ...messages };
    });
    // A failed load may be tried again (the network comes back).
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

async function applyLocale(locale: Locale): Promise<void> {
  requested = locale;
  try {
    await Promise.all([...needed].map((part) => loadPart(locale, part)));
  } catch {
    // Offline or a stale deploy: keep the current language rather than fail.
    if (requested === locale) requested = current;
    return;
  }
  if (requested !== locale) return; // A later choice won the race.
  current = locale;
  document.documentElement.lang = locale;
  listeners.forEach((listener) => listener());
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** In the locale's catalog, else English (a part that could not be loaded), else the key. */
export function message(locale: Locale, key: MessageKey): string {
  return catalogs[locale]?.[key] ?? catalogs.en?.[key] ?? key;
}
