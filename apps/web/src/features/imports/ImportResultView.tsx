import type { ImportKind, ImportResult } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatNumber } from '../../lib/time';
import { ImportErrors, ImportWarnings } from './ImportIssues';

interface Props {
  kind: ImportKind;
  result: ImportResult;
}

export function ImportResultView({ kind, result }: Props) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const stats = [
    { key: 'created', label: t('import.result.created'), value: n(result.created), tone: 'good' },
    { key: 'updated', label: t('import.result.updated'), value: n(result.updated), tone: 'info' },
    { key: 'unchanged', label: t('import.result.unchanged'), value: n(result.unchanged), tone: 'plain' },
    { key: 'total', label: t('import.result.total'), value: n(result.total), tone: 'plain' },
    { key: 'duration', label: t('import.result.duration'), value: formatDuration(result.durationMs, i18n.language), tone: 'plain' },
  ];

  return (
    <div className="import-result" data-testid={`import-${kind}-result`}>
      <dl className="stats">
        {stats.map((stat) => (
          <div key={stat.key} className={`stat stat-${stat.tone}`} data-stat={stat.key}>
            <dt>{stat.label}</dt>
            <dd>{stat.value}</dd>
          </div>
        ))}
      </dl>
      <ImportWarnings kind={kind} result={result} />
      <ImportErrors kind={kind} result={result} />
    </div>
  );
}
