import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

/** The header of pages opened outside the organizers' shell (operator, delegate, presenter): the brand, or a title, and the language. */
export function StandaloneHeader({ className = '', title }: { className?: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <header className={`app-header ${className}`.trim()}>
      <div className="app-header-inner">
        <span className="brand">
          <Logo />
          <span className="brand-name">{title ?? t('app.name')}</span>
        </span>
        <div className="app-header-tools">
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
