import type { ExportLanguage } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

/** The language a file is written in (exports, the record): each language named in itself. */
export function LanguageField({ label, value, testId, onChange }: { label: string; value: ExportLanguage; testId: string; onChange(lang: ExportLanguage): void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} data-testid={testId} onChange={(event) => onChange(event.target.value as ExportLanguage)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
