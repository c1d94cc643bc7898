import { PASSWORD_MIN_LENGTH, USER_ROLES, type UserRole } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, queryKeys } from '../../lib/endpoints';

/** Creates an account; the server judges the password and says what to change. */
export function NewUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<UserRole>('moderator');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => api.createUser({ username: username.trim(), displayName: displayName.trim(), role, password }),
    onSuccess: () => {
      setUsername('');
      setDisplayName('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.new')}</h2>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('users.username')}</span>
          <input name="username" required pattern="[A-Za-z0-9_.@\-]{3,64}" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">{t('users.displayName')}</span>
          <input name="displayName" required maxLength={255} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('users.role')}</span>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('users.password')}</span>
        <input
          name="password"
          type="password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
        <span className="muted small">{t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}</span>
      </label>
      {create.isError && <ErrorNotice error={create.error} />}
      {create.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('users.created', { username: create.data.username })}
        </p>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('users.creating') : t('users.create')}
        </button>
      </div>
    </form>
  );
}
