import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, queryKeys } from '../../lib/endpoints';

/** Who works on this conference: organizers add moderators, presenters and other organizers by username. */
export function StaffPanel({ conferenceId }: { conferenceId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useQuery({ queryKey: queryKeys.staff(conferenceId), queryFn: () => api.staff(conferenceId) });
  const [username, setUsername] = useState('');
  const set = (list: Awaited<ReturnType<typeof api.staff>>) => queryClient.setQueryData(queryKeys.staff(conferenceId), list);
  const add = useMutation({
    mutationFn: () => api.addStaff(conferenceId, username.trim()),
    onSuccess: (list) => {
      set(list);
      setUsername('');
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.removeStaff(conferenceId, userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.staff(conferenceId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim()) add.mutate();
  };

  return (
    <section className="card stack" aria-labelledby="staff-title" data-testid="staff-panel">
      <div>
        <h2 id="staff-title">{t('staff.title')}</h2>
        <p className="muted small">{t('staff.hint')}</p>
      </div>
      {staff.isError && <ErrorNotice error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.data && staff.data.length === 0 && <p className="muted">{t('staff.empty')}</p>}
      {staff.data && staff.data.length > 0 && (
        <ul className="staff-list">
          {staff.data.map((m) => (
            <li key={m.userId}>
              <span>
                <strong>{m.displayName}</strong> <span className="muted small">{m.username} · {t(`roles.${m.role}`)}</span>
              </span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={t('staff.remove', { name: m.displayName })}
                onClick={() => remove.mutate(m.userId)}
                disabled={remove.isPending}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="staff-add" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('staff.username')}</span>
          <input name="staff-username" value={username} placeholder={t('staff.usernamePlaceholder')} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={add.isPending || !username.trim()}>
          {add.isPending ? t('staff.adding') : t('staff.add')}
        </button>
      </form>
      {add.isError && <ErrorNotice error={add.error} />}
      {remove.isError && <ErrorNotice error={remove.error} />}
    </section>
  );
}
