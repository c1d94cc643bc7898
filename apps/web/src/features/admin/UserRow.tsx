import { PASSWORD_MIN_LENGTH, USER_ROLES, type UserDto, type UserRole } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, queryKeys } from '../../lib/endpoints';

/** One account: role, enabled or not, password reset. Every change here signs the person out. */
export function UserRow({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const update = useMutation({
    mutationFn: (body: { role?: UserRole; disabled?: boolean }) => api.updateUser(user.id, body),
    onSuccess: () => {
      setConfirmDisable(false);
      refresh();
    },
  });
  const reset = useMutation({
    mutationFn: () => api.resetPassword(user.id, newPassword),
    onSuccess: () => {
      setResetOpen(false);
      setNewPassword('');
    },
  });
  const disabled = user.disabledAt !== null;

  return (
    <tr data-testid={`user-${user.username}`}>
      <td data-label={t('users.columns.user')}>
        <strong>{user.displayName}</strong>
        <div className="muted small">{user.username}</div>
        {user.bootstrap && <div className="muted small">{t('users.bootstrap')}</div>}
      </td>
      <td data-label={t('users.columns.role')}>
        <select
          aria-label={`${t('users.role')}: ${user.username}`}
          value={user.role}
          disabled={user.bootstrap || update.isPending}
          onChange={(e) => update.mutate({ role: e.target.value as UserRole })}
        >
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td data-label={t('users.columns.state')}>
        <span className={`badge ${disabled ? 'badge-ended' : 'badge-scheduled'}`}>{disabled ? t('users.disabled') : t('users.active')}</span>
      </td>
      <td data-label={t('users.columns.actions')}>
        <div className="row-actions">
          {!user.bootstrap && (
            <>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => (disabled ? update.mutate({ disabled: false }) : setConfirmDisable(true))}
                disabled={update.isPending}
              >
                {disabled ? t('users.enable') : t('users.disable')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setResetOpen(true)}>
                {t('users.resetPassword')}
              </button>
            </>
          )}
        </div>
        {update.isError && <ErrorNotice error={update.error} />}
        {reset.isSuccess && !resetOpen && (
          <p className="muted small" role="status">
            {t('users.resetDone', { username: user.username })}
          </p>
        )}
        <ConfirmDialog
          open={confirmDisable}
          title={t('users.disableTitle', { username: user.username })}
          confirmLabel={t('users.disable')}
          danger
          busy={update.isPending}
          onConfirm={() => update.mutate({ disabled: true })}
          onCancel={() => setConfirmDisable(false)}
        >
          <p>{t('users.disableBody')}</p>
        </ConfirmDialog>
        <ConfirmDialog
          open={resetOpen}
          title={t('users.resetTitle', { username: user.username })}
          confirmLabel={t('users.resetPassword')}
          busy={reset.isPending}
          onConfirm={() => reset.mutate()}
          onCancel={() => setResetOpen(false)}
        >
          <p>{t('users.resetBody')}</p>
          <label className="field">
            <span className="field-label">{t('account.next')}</span>
            <input type="password" minLength={PASSWORD_MIN_LENGTH} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} autoComplete="new-password" />
            <span className="muted small">{t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}</span>
          </label>
          {reset.isError && <ErrorNotice error={reset.error} />}
        </ConfirmDialog>
      </td>
    </tr>
  );
}
