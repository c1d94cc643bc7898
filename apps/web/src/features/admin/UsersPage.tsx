import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { api, queryKeys } from '../../lib/endpoints';
import { NewUserForm } from './NewUserForm';
import { UserRow } from './UserRow';

/** `/admin/users`: every account, for admins. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: api.users });
  useEffect(() => {
    document.title = `${t('users.title')} — Bridgepoint`;
  }, [t]);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <p className="muted">{t('users.intro')}</p>
      </div>
      {users.isPending && <Loading />}
      {users.isError && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="table-wrap card card-flush">
          <table className="table table-cards" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('users.columns.user')}</th>
                <th scope="col">{t('users.columns.role')}</th>
                <th scope="col">{t('users.columns.state')}</th>
                <th scope="col">{t('users.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewUserForm />
    </div>
  );
}
