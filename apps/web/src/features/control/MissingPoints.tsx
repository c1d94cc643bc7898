import { foldText, type MissingPoint } from '@bridgepoint/contracts';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { telHref } from '../../lib/phone';
import { formatNumber } from '../../lib/time';

function haystack(point: MissingPoint): string {
  return foldText([point.code, point.name, point.unit, point.operatorName, point.operatorPhone].filter(Boolean).join(' '));
}

/** Points that have not checked in yet, with the operator's phone one tap away. */
export function MissingPoints({ missing }: { missing: readonly MissingPoint[] }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const indexed = useMemo(() => missing.map((point) => ({ point, text: haystack(point) })), [missing]);
  const visible = useMemo(() => {
    const needle = foldText(deferred);
    return needle ? indexed.filter((item) => item.text.includes(needle)) : indexed;
  }, [indexed, deferred]);
  const none = t('common.none');

  return (
    <section className="card control-missing" aria-labelledby="control-missing-title">
      <div className="card-head">
        <h2 id="control-missing-title">{t('control.missing')}</h2>
        <span className={missing.length > 0 ? 'count-pill' : 'chip'} data-testid="control-missing-count">
          {t('control.missingCount', { count: missing.length, n: formatNumber(missing.length, i18n.language) })}
        </span>
      </div>
      {missing.length > 0 && (
        <label className="field">
          <span className="visually-hidden">{t('control.missingFilter')}</span>
          <input
            type="search"
            value={filter}
            placeholder={t('control.missingFilterPlaceholder')}
            aria-label={t('control.missingFilter')}
            onChange={(event) => setFilter(event.target.value)}
          />
        </label>
      )}
      {missing.length === 0 && <p className="notice notice-success">{t('control.missingNone')}</p>}
      {missing.length > 0 && visible.length === 0 && <p className="muted">{t('control.missingNoMatch')}</p>}
      <ul className={`missing-list ${filter !== deferred ? 'is-stale' : ''}`} data-testid="control-missing">
        {visible.map(({ point }) => (
          <li key={point.pointId} className="missing-row" data-point-id={point.pointId} data-code={point.code}>
            <div className="missing-who">
              <span className="row-title">
                <span className="mono missing-code">{point.code}</span> {point.name}
              </span>
              <span className="cell-sub">{point.unit ?? none}</span>
            </div>
            <div className="missing-contact">
              <span>{point.operatorName ?? none}</span>
              {point.operatorPhone ? (
                <a
                  className="missing-phone"
                  href={telHref(point.operatorPhone)}
                  aria-label={t('control.call', { name: point.operatorName ?? point.name, phone: point.operatorPhone })}
                >
                  {point.operatorPhone}
                </a>
              ) : (
                <span className="muted">{none}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
