/** The languages the product speaks (UI and LINE messages), and how a request picks one. */
export const LANGUAGES = ['en', 'ja', 'ko', 'th', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Picks from an Accept-Language header, which the app fills from LIFF's language. Chinese other
 * than Taiwan's falls back to English rather than to traditional characters.
 */
export function pickLanguage(acceptLanguage: string | null): Language {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
  for (const tag of tags) {
    if (tag === 'zh-tw' || tag === 'zh-hant' || tag.startsWith('zh-hant-')) return 'zh-TW';
    const base = tag.split('-')[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}
