import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { districtOptions, wardOptions, type IndexedPoint, type PointFilter } from './grouping';

interface Props {
  indexed: readonly IndexedPoint[];
  filter: PointFilter;
  onChange: (filter: PointFilter) => void;
  /** The QR sheet filters by place only. */
  searchable?: boolean;
}

export function PointFilters({ indexed, filter, onChange, searchable = true }: Props) {
  const { t } = useTranslation();
  const districts = useMemo(
    () => districtOptions(indexed, { agencies: t('points.agencies'), noDistrict: t('points.noDistrict') }),
    [indexed, t],
  );
  const wards = useMemo(
    () => (filter.district ? wardOptions(indexed, filter.district, { districtLevel: t('points.districtLevel') }) : []),
    [indexed, filter.district, t],
  );
  const active = filter.search !== '' || filter.district !== '' || filter.ward !== '';

  return (
    <div className="filters no-print" role="search">
      {searchable && (
        <label className="field filter-search">
          <span className="field-label">{t('points.search')}</span>
          <input
            type="search"
            value={filter.search}
            placeholder={t('points.searchPlaceholder')}
            onChange={(event) => onChange({ ...filter, search: event.target.value })}
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('points.district')}</span>
        <select value={filter.district} onChange={(event) => onChange({ ...filter, district: event.target.value, ward: '' })}>
          <option value="">{t('points.allDistricts')}</option>
          {districts.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label} ({option.count})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('points.ward')}</span>
        <select
          value={filter.ward}
          disabled={!filter.district}
          onChange={(event) => onChange({ ...filter, ward: event.target.value })}
        >
          <option value="">{t('points.allWards')}</option>
          {wards.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label} ({option.count})
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="btn btn-ghost filter-clear" onClick={() => onChange({ search: '', district: '', ward: '' })}>
          {t('points.clearFilters')}
        </button>
      )}
    </div>
  );
}
