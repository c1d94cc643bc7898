import { useTranslation } from 'react-i18next';
import { usePublicBase, usePublicUrlWarning } from '../../lib/publicBase';

/**
 * Said wherever links or QR codes are made: they carry an address operators elsewhere cannot open while the
 * server has no PUBLIC_URL (this browser's address is used) or a loopback one. Hidden when printing.
 */
export function PublicUrlNotice() {
  const { t } = useTranslation();
  const warning = usePublicUrlWarning();
  const base = usePublicBase();
  if (!warning) return null;
  return (
    <p className="notice notice-warning no-print" role="alert" data-testid="public-url-warning">
      <strong>{t(warning === 'unset' ? 'links.warningUnsetTitle' : 'links.warningLoopbackTitle', { base })}</strong>{' '}
      {t('links.warningHint')}
    </p>
  );
}
