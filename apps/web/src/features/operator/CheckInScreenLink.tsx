import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Opens the room's check-in screen (a QR code for delegates' phones), for the projector or TV. */
export function CheckInScreenLink({ joinCode }: { joinCode: string }) {
  const { t } = useTranslation();
  return (
    <section className="card checkin-link">
      <Link to={`/point/${encodeURIComponent(joinCode)}/checkin-screen`} className="btn" data-testid="open-checkin-screen">
        {t('checkinScreen.open')}
      </Link>
      <p className="muted small">{t('checkinScreen.openHint')}</p>
    </section>
  );
}
