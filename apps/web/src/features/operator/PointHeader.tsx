import type { ConferenceDto, PointAttendanceDto } from '@bridgepoint/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PointStatusBadge } from '../../components/PointStatusBadge';
import { StatusBadge } from '../../components/StatusBadge';
import type { OutboxEntry } from './outbox';
import { expectedStatus } from './pending';

interface Props {
  point: PointAttendanceDto | undefined;
  conference: ConferenceDto | undefined;
  entries: readonly OutboxEntry[];
  /** The connection strip (state, queue): shown under the point's name. */
  children: ReactNode;
}

/** Sticky at the top: which point this page is for, in which conference, connected or not, checked in or not. */
export function PointHeader({ point, conference, entries, children }: Props) {
  const { t } = useTranslation();
  const { status } = expectedStatus(point?.status, entries);
  return (
    <header className="point-header" data-testid="operator-header">
      <div className="point-header-id">
        <div className="point-header-names">
          <h1 className="point-header-name" data-testid="operator-point-name">
            {point?.name ?? t('operator.title')}
          </h1>
          <p className="point-header-sub">
            {point && <span className="mono" data-testid="operator-point-code">{point.code}</span>}
            {conference && (
              <>
                {point && ' · '}
                <span data-testid="operator-conference-title">{conference.title}</span>
              </>
            )}
          </p>
        </div>
        <div className="point-header-badges">
          {status && <PointStatusBadge status={status} testId="operator-point-status" />}
          {conference && <StatusBadge status={conference.status} />}
        </div>
      </div>
      {children}
    </header>
  );
}
