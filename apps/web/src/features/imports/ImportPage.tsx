import { useTranslation } from 'react-i18next';
import { useConference } from '../conferences/context';
import { ImportCard } from './ImportCard';

export function ImportPage() {
  const { t } = useTranslation();
  const conference = useConference();
  return (
    <div className="stack">
      <div>
        <h2>{t('import.title')}</h2>
        <p className="muted">{t('import.intro')}</p>
      </div>
      <div className="import-grid">
        <ImportCard kind="points" conferenceId={conference.id} />
        <ImportCard kind="delegates" conferenceId={conference.id} />
      </div>
    </div>
  );
}
