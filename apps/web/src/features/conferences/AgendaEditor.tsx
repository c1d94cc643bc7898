import { useTranslation } from 'react-i18next';
import { moveRow, newRow, parseDuration, type AgendaProblem, type AgendaRow } from './agenda';

interface Props {
  rows: AgendaRow[];
  onChange: (rows: AgendaRow[]) => void;
  startsAtLocal: string;
  problems: AgendaProblem[];
  showProblems: boolean;
}

export function AgendaEditor({ rows, onChange, startsAtLocal, problems, showProblems }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<AgendaRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const hasProblem = (index: number, kind: AgendaProblem['kind']) =>
    showProblems && problems.some((p) => p.index === index && p.kind === kind);
  const totalMinutes = rows.reduce((sum, row) => {
    const minutes = parseDuration(row.duration);
    return sum + (typeof minutes === 'number' ? minutes : 0);
  }, 0);

  return (
    <section className="card" aria-labelledby="agenda-title">
      <div className="card-head">
        <div>
          <h2 id="agenda-title">{t('agenda.title')}</h2>
          <p className="muted small">{t('agenda.hint')}</p>
        </div>
        {totalMinutes > 0 && <span className="chip">{t('agenda.total', { minutes: totalMinutes })}</span>}
      </div>

      {rows.length === 0 ? (
        <p className="muted">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {rows.map((row, index) => {
            const n = index + 1;
            const titleError = hasProblem(index, 'titleRequired');
            const durationError = hasProblem(index, 'durationInvalid');
            return (
              <li key={row.key} className="agenda-row">
                <span className="agenda-index" aria-hidden="true">
                  {n}
                </span>
                <label className="field agenda-title">
                  <span className="field-label">{t('agenda.itemTitle')}</span>
                  <input
                    value={row.title}
                    aria-invalid={titleError || undefined}
                    onChange={(event) => update(index, { title: event.target.value })}
                  />
                  {titleError && <span className="field-error">{t('agenda.titleRequired', { n })}</span>}
                </label>
                <label className="field agenda-speaker">
                  <span className="field-label">{t('agenda.speaker')}</span>
                  <input value={row.speaker} onChange={(event) => update(index, { speaker: event.target.value })} />
                </label>
                <label className="field agenda-time">
                  <span className="field-label">
                    {t('agenda.start')}
                    {row.date && <span className="muted"> · {row.date.split('-').reverse().join('/')}</span>}
                  </span>
                  <input type="time" value={row.time} onChange={(event) => update(index, { time: event.target.value })} />
                </label>
                <label className="field agenda-duration">
                  <span className="field-label">{t('agenda.duration')}</span>
                  <input
                    inputMode="numeric"
                    value={row.duration}
                    aria-invalid={durationError || undefined}
                    onChange={(event) => update(index, { duration: event.target.value })}
                  />
                  {durationError && <span className="field-error">{t('agenda.durationInvalid', { n })}</span>}
                </label>
                <div className="agenda-actions">
                  <button
                    type="button"
                    className="btn btn-icon"
                    aria-label={t('agenda.moveUp', { n })}
                    title={t('agenda.moveUp', { n })}
                    disabled={index === 0}
                    onClick={() => onChange(moveRow(rows, index, index - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-icon"
                    aria-label={t('agenda.moveDown', { n })}
                    title={t('agenda.moveDown', { n })}
                    disabled={index === rows.length - 1}
                    onClick={() => onChange(moveRow(rows, index, index + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-icon btn-icon-danger"
                    aria-label={t('agenda.remove', { n })}
                    title={t('agenda.remove', { n })}
                    onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  >
                    ✕
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" className="btn" onClick={() => onChange([...rows, newRow(rows.at(-1), startsAtLocal)])}>
        + {t('agenda.add')}
      </button>
    </section>
  );
}
