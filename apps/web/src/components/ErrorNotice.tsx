import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors';

interface Props {
  error: unknown;
  onRetry?: () => void;
  /** Extra guidance shown under the message. */
  hint?: string;
}

export function ErrorNotice({ error, onRetry, hint }: Props) {
  const { t } = useTranslation();
  const { title, detail } = describeError(t, error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      {detail && (
        <p className="notice-detail">
          <span className="visually-hidden">{t('errors.details')}: </span>
          {detail}
        </p>
      )}
      {hint && <p className="notice-detail">{hint}</p>}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
