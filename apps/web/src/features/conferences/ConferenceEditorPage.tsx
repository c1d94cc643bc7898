import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ConferenceForm } from './ConferenceForm';
import { StaffPanel } from './StaffPanel';
import { StatusPanel } from './StatusPanel';
import { useConference } from './context';

export function ConferenceEditorPage() {
  const { id } = useParams();
  return id ? <ExistingConference /> : <NewConference />;
}

function NewConference() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div className="page-head">
        <Link to="/conferences" className="back-link">
          ← {t('editor.back')}
        </Link>
        <h1>{t('editor.newTitle')}</h1>
      </div>
      <ConferenceForm />
    </div>
  );
}

function ExistingConference() {
  const { t } = useTranslation();
  const conference = useConference();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;

  return (
    <div className="stack">
      {justCreated && conference.pointCount === 0 && (
        <div className="notice notice-success notice-row" role="status">
          <span>{t('editor.created')}</span>
          <Link className="btn btn-small btn-primary" to={`/conferences/${encodeURIComponent(conference.id)}/import`}>
            {t('editor.goImport')} →
          </Link>
        </div>
      )}
      <div className="editor-grid">
        <ConferenceForm key={conference.id} conference={conference} />
        <aside className="stack">
          <StatusPanel conference={conference} />
          <StaffPanel conferenceId={conference.id} />
        </aside>
      </div>
    </div>
  );
}
