import type { AgendaItemDto, QuestionDto } from '@bridgepoint/contracts';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { answeringOrder } from '../../lib/questions';
import { moderate, moveTo, setCurrent, useModerationCall, type ModerationCall } from './actions';
import { QuestionOrigin } from './QuestionCard';

const DRAG_TYPE = 'application/x-bridgepoint-question';

interface Props {
  questions: readonly QuestionDto[];
  currentQuestionId: string | null;
  agenda: readonly AgendaItemDto[];
}

/**
 * Approved questions in the order the presidium takes them: drag and drop or the arrow buttons to
 * reorder, pick the one being answered, mark it answered.
 */
export function AnswerOrder({ questions, currentQuestionId, agenda }: Props) {
  const { t } = useTranslation();
  const call = useModerationCall();
  const order = useMemo(() => answeringOrder(questions), [questions]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const { conferenceId } = call;
  const run = (action: ModerationCall | null) => {
    if (action) call.mutate(action);
  };

  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    const id = event.dataTransfer.getData(DRAG_TYPE) || dragging;
    setDragging(null);
    setOver(null);
    if (id) run(moveTo(conferenceId, questions, id, index));
  };

  return (
    <section className="card moderation-order" aria-labelledby="moderation-order-title">
      <div className="stack-tight">
        <h2 id="moderation-order-title">{t('moderation.order')}</h2>
        {order.length > 1 && <p className="muted small">{t('moderation.orderHint')}</p>}
      </div>
      {call.isError && <ErrorNotice error={call.error} />}
      {order.length === 0 && <p className="muted">{t('moderation.orderEmpty')}</p>}
      <ol className="answer-order" data-testid="moderation-order">
        {order.map((question, index) => {
          const current = question.id === currentQuestionId;
          const n = index + 1;
          return (
            <li
              key={question.id}
              className={`answer-row ${current ? 'is-current' : ''} ${dragging === question.id ? 'is-dragging' : ''} ${over === index ? 'is-over' : ''}`}
              data-question-id={question.id}
              data-current={current}
              draggable={!call.isPending}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, question.id);
                event.dataTransfer.effectAllowed = 'move';
                setDragging(question.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (!dragging) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                if (over !== index) setOver(index);
              }}
              onDrop={(event) => drop(event, index)}
            >
              <span className="answer-handle" aria-hidden="true" title={t('moderation.drag', { n })}>
                ⋮⋮
              </span>
              <span className="answer-number">{n}</span>
              <div className="answer-body">
                {current && <span className="badge badge-current">{t('moderation.current')}</span>}
                <QuestionOrigin question={question} agenda={agenda} />
                <p className="question-text">{question.text}</p>
                <div className="question-actions">
                  {current ? (
                    <button type="button" className="btn btn-small" disabled={call.isPending} onClick={() => run(setCurrent(conferenceId, null))}>
                      {t('moderation.clearCurrent')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small btn-primary"
                      disabled={call.isPending}
                      data-testid="question-set-current"
                      onClick={() => run(setCurrent(conferenceId, question.id))}
                    >
                      {t('moderation.setCurrent')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-small btn-success"
                    disabled={call.isPending}
                    data-testid="question-answered"
                    onClick={() => run(moderate(conferenceId, question, { status: 'answered' }))}
                  >
                    ✓ {t('moderation.markAnswered')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={call.isPending}
                    onClick={() => run(moderate(conferenceId, question, { status: 'pending' }))}
                  >
                    {t('moderation.toPending')}
                  </button>
                </div>
              </div>
              <div className="answer-move">
                <button
                  type="button"
                  className="btn btn-icon"
                  aria-label={t('moderation.moveUp', { n })}
                  title={t('moderation.moveUp', { n })}
                  disabled={index === 0 || call.isPending}
                  data-testid="question-up"
                  onClick={() => run(moveTo(conferenceId, questions, question.id, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-icon"
                  aria-label={t('moderation.moveDown', { n })}
                  title={t('moderation.moveDown', { n })}
                  disabled={index === order.length - 1 || call.isPending}
                  data-testid="question-down"
                  onClick={() => run(moveTo(conferenceId, questions, question.id, index + 1))}
                >
                  ↓
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
