import { QUESTION_MAX_LENGTH, type AgendaItemDto } from '@bridgepoint/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/time';
import { queuedQuestions } from './moderation';
import type { OutboxAction, OutboxEntry } from './outbox';

const ASKED_BY_MAX_LENGTH = 200;
/** The counter turns to a warning this close to the limit. */
const NEAR_LIMIT = QUESTION_MAX_LENGTH - 100;

interface Props {
  agenda: readonly AgendaItemDto[] | undefined;
  entries: readonly OutboxEntry[];
  ended: boolean;
  onAsk: (action: Extract<OutboxAction, { kind: 'question' }>) => void;
}

/** A written question for the presidium: the text, who asks it, and the agenda item it is about. */
export function QuestionForm({ agenda, entries, ended, onAsk }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [askedBy, setAskedBy] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [problem, setProblem] = useState<'required' | 'duplicate' | null>(null);
  const items = [...(agenda ?? [])].sort((a, b) => a.position - b.position);
  const length = text.length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = text.normalize('NFC').trim();
    if (!normalized) {
      setProblem('required');
      return;
    }
    if (queuedQuestions(entries).some((q) => q.text === normalized)) {
      setProblem('duplicate');
      return;
    }
    setProblem(null);
    setText('');
    setAskedBy('');
    onAsk({ kind: 'question', text: normalized, askedBy: askedBy.trim() || null, agendaItemId: agendaItemId || null });
  };

  return (
    <form className="question-form" onSubmit={submit} noValidate>
      <label className="field" htmlFor={`${id}-text`}>
        <span className="field-label">{t('questions.text')}</span>
      </label>
      <textarea
        id={`${id}-text`}
        name="question"
        rows={4}
        value={text}
        maxLength={QUESTION_MAX_LENGTH}
        placeholder={t('questions.textPlaceholder')}
        aria-invalid={problem === 'required'}
        aria-describedby={`${id}-counter ${id}-problem`}
        data-testid="operator-question-text"
        disabled={ended}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(null);
        }}
      />
      <div className="question-form-meta">
        <p id={`${id}-problem`} className="field-error" role={problem ? 'alert' : undefined}>
          {problem === 'required' && t('questions.required')}
          {problem === 'duplicate' && t('questions.duplicate')}
        </p>
        <p
          id={`${id}-counter`}
          className={`char-counter ${length >= NEAR_LIMIT ? 'char-counter-near' : ''}`}
          data-testid="operator-question-counter"
        >
          {t('questions.counter', {
            n: formatNumber(length, i18n.language),
            max: formatNumber(QUESTION_MAX_LENGTH, i18n.language),
          })}
        </p>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">
            {t('questions.askedBy')} <span className="muted">({t('common.optional')})</span>
          </span>
          <input
            name="askedBy"
            value={askedBy}
            maxLength={ASKED_BY_MAX_LENGTH}
            autoComplete="off"
            placeholder={t('questions.askedByPlaceholder')}
            data-testid="operator-question-asked-by"
            disabled={ended}
            onChange={(event) => setAskedBy(event.target.value)}
          />
        </label>
        {items.length > 0 && (
          <label className="field">
            <span className="field-label">{t('questions.agendaItem')}</span>
            <select
              value={agendaItemId}
              data-testid="operator-question-agenda"
              disabled={ended}
              onChange={(event) => setAgendaItemId(event.target.value)}
            >
              <option value="">{t('questions.agendaNone')}</option>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-large" disabled={ended} data-testid="operator-question-submit">
        {t('questions.submit')}
      </button>
    </form>
  );
}
