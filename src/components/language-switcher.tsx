import { localeNames, setLocale, useI18n, type Locale } from '../lib/i18n';

export function LanguageSwitcher() {
  const { locale, t } = useI18n();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
        data-testid="language-switcher"
      >
        {Object.entries(localeNames).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
