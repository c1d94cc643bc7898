import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';

interface Props {
  name: string;
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/** Undoing a check-in made by mistake: the reason is required and kept in the official record. */
export function UnmarkForm({ name, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    onConfirm(reason.trim()).then(
      () => onCancel(),
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };

  return (
    <form className="unmark-form" onSubmit={submit} noValidate data-testid="operator-unmark-form">
      <label className="field">
        <span className="field-label">{t('record.unmark.reason', { name })}</span>
        <input
          value={reason}
          maxLength={500}
          placeholder={t('record.unmark.reasonPlaceholder')}
          aria-invalid={missing}
          data-testid="operator-unmark-reason"
          autoFocus
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
      </label>
      {missing && <p className="field-error">{t('record.unmark.reasonRequired')}</p>}
      <div className="unmark-actions">
        <button type="submit" className="btn btn-small btn-danger" disabled={busy} data-testid="operator-unmark-confirm">
          {busy ? t('record.unmark.working') : t('record.unmark.confirm')}
        </button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={onCancel}>
          {t('record.unmark.cancel')}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
