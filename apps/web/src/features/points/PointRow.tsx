import type { ConferencePointDto } from '@bridgepoint/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { telHref } from '../../lib/phone';
import { formatNumber } from '../../lib/time';
import { DISTRICT_LEVEL, joinLink, type IndexedPoint } from './grouping';

interface Props {
  item: IndexedPoint;
  /** Where operators open their page (PUBLIC_URL). */
  base: string;
  onRotate: (point: ConferencePointDto) => void;
}

/** One row of the points table; memoised so typing in the search box re-renders only what changes. */
export const PointRow = memo(function PointRow({ item, base, onRotate }: Props) {
  const { t, i18n } = useTranslation();
  const { point } = item;
  const link = joinLink(base, point.joinCode);
  const none = t('common.none');
  return (
    <tr>
      <td data-label={t('points.columns.code')} className="mono nowrap">
        {point.code}
      </td>
      <td data-label={t('points.columns.name')} className="cell-name" title={point.address ?? undefined}>
        <span className="row-title">{point.name}</span>
      </td>
      <td data-label={t('points.columns.district')}>{item.districtName ?? none}</td>
      <td data-label={t('points.columns.unit')}>
        {item.wardName ?? (item.wardKey === DISTRICT_LEVEL && item.districtName ? t('points.districtLevel') : none)}
      </td>
      <td data-label={t('points.columns.expected')} className="num">
        {formatNumber(point.expectedDelegates, i18n.language)}
      </td>
      <td data-label={t('points.columns.operator')}>{point.operatorName ?? none}</td>
      <td data-label={t('points.columns.phone')} className="nowrap">
        {point.operatorPhone ? (
          <a href={telHref(point.operatorPhone)} aria-label={t('points.call', { phone: point.operatorPhone })}>
            {point.operatorPhone}
          </a>
        ) : (
          none
        )}
      </td>
      <td data-label={t('points.columns.link')}>
        <div className="link-cell">
          <a className="join-link mono" href={link} target="_blank" rel="noreferrer" title={link}>
            {point.joinCode}
          </a>
          <CopyButton text={link} label={t('points.copyLink', { name: point.name })} />
        </div>
      </td>
      <td data-label={t('points.columns.actions')}>
        <button
          type="button"
          className="btn btn-small"
          aria-label={t('points.rotateLabel', { name: point.name })}
          onClick={() => onRotate(point)}
        >
          ↻ {t('points.rotate')}
        </button>
      </td>
    </tr>
  );
});
