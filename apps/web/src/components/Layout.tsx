import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { tokenStore } from '../lib/api';
import { api, queryKeys } from '../lib/endpoints';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: api.me, staleTime: 5 * 60_000 });

  // Ends the session on the server too (every device of this account), then here.
  const signOut = async () => {
    await api.logout().catch(() => undefined);
    tokenStore.clear();
    queryClient.clear();
    void navigate('/login', { replace: true });
  };

  return (
    <div className="app">
      <a className="skip-link no-print" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header no-print">
        <div className="app-header-inner">
          <Link to="/conferences" className="brand">
            <Logo />
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <nav aria-label={t('nav.mainMenu')} className="app-nav">
            <NavLink to="/conferences" className="app-nav-link">
              {t('nav.conferences')}
            </NavLink>
            {me.data?.role === 'admin' && (
              <>
                <NavLink to="/admin/users" className="app-nav-link">
                  {t('nav.users')}
                </NavLink>
                <NavLink to="/admin/audit" className="app-nav-link">
                  {t('nav.audit')}
                </NavLink>
              </>
            )}
          </nav>
          <div className="app-header-tools">
            <LanguageSwitch />
            {me.data && (
              <span className="user-name" title={me.data.username}>
                {me.data.displayName || me.data.username}
              </span>
            )}
            <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
