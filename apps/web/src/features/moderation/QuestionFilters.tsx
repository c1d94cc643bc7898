import type { AgendaItemDto, QuestionDto } from '@bridgepoint/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/time';
import { countByStatus, DEFAULT_FILTER, districtOptions, NO_AGENDA, STATUS_TABS, type QuestionFilter } from './filters';

interface Props {
  questions: readonly QuestionDto[];
  agenda: readonly AgendaItemDto[];
  filter: QuestionFilter;
  onChange: (filter: QuestionFilter) => void;
}

/** Status tabs with counts, then district and agenda item. */
export function QuestionFilters({ questions, agenda, filter, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const counts = useMemo(() => countByStatus(questions, filter), [questions, filter]);
  const districts = useMemo(() => districtOptions(questions), [questions]);
  const items = [...agenda].sort((a, b) => a.position - b.position);
  const narrowed = filter.district !== '' || filter.agenda !== '';

  return (
    <div className="moderation-filters" role="search">
      <div className="status-tabs" role="group" aria-label={t('moderation.statusTabs')}>
        {STATUS_TABS.map((status) => (
          <button
            key={status}
            type="button"
            className="status-tab"
            aria-pressed={filter.status === status}
            data-testid={`moderation-tab-${status}`}
            data-count={counts[status]}
            onClick={() => onChange({ ...filter, status })}
          >
            {status === 'all' ? t('moderation.all') : t(`questionStatus.${status}`)}
            <span className="status-tab-count">{formatNumber(counts[status], i18n.language)}</span>
          </button>
        ))}
      </div>
      <div className="moderation-selects">
        <label className="field">
          <span className="field-label">{t('moderation.district')}</span>
          <select
            value={filter.district}
            data-testid="moderation-district"
            onChange={(event) => onChange({ ...filter, district: event.target.value })}
          >
            <option value="">{t('moderation.allDistricts')}</option>
            {districts.map((option) => (
              <option key={option.value} value={option.value}>
                {option.name ?? t('moderation.agencies')} ({formatNumber(option.count, i18n.language)})
              </option>
            ))}
          </select>
        </label>
        {items.length > 0 && (
          <label className="field">
            <span className="field-label">{t('moderation.agenda')}</span>
            <select
              value={filter.agenda}
              data-testid="moderation-agenda"
              onChange={(event) => onChange({ ...filter, agenda: event.target.value })}
            >
              <option value="">{t('moderation.allAgenda')}</option>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                </option>
              ))}
              <option value={NO_AGENDA}>{t('moderation.noAgenda')}</option>
            </select>
          </label>
        )}
        {narrowed && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => onChange({ ...DEFAULT_FILTER, status: filter.status })}
          >
            {t('moderation.clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
