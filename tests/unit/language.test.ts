import { expect, test } from 'vitest';
import { pickLanguage } from '../../api/_lib/i18n/language';

test.each([
  [null, 'en'],
  ['', 'en'],
  ['ja', 'ja'],
  ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
  ['ko-KR', 'ko'],
  ['th', 'th'],
  ['zh-TW', 'zh-TW'],
  ['zh-Hant-TW', 'zh-TW'],
  ['zh-CN', 'en'],
  ['fr-FR, th;q=0.5', 'th'],
  ['de', 'en'],
] as const)('Accept-Language %j → %s', (header, language) => {
  expect(pickLanguage(header)).toBe(language);
});
