import { useTranslation } from 'react-i18next';
import { LANGS } from '../i18n';

/** 日本語 | English: two toggle buttons; the page's lang attribute follows. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`lang-switch ${className}`} role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-btn"
          aria-pressed={i18n.language === l}
          onClick={() => void i18n.changeLanguage(l)}
        >
          {l === 'ja' ? '日本語' : 'English'}
        </button>
      ))}
    </div>
  );
}
