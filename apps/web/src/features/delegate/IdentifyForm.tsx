import type { DelegateSessionResponse, RoomInfo, RoomRosterEntry } from '@bridgepoint/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api } from '../../lib/endpoints';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { deviceId } from './session';

interface Props {
  room: RoomInfo;
  roomCode: string;
  onOpened: (s: DelegateSessionResponse) => void;
}

/** "Who are you?": the code on the invitation, or a name from the room's roster (with a confirmation when the list has one). */
export function IdentifyForm({ room, roomCode, onOpened }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'code' | 'name'>('code');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<RoomRosterEntry | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const search = useDebouncedValue(name.trim(), 250);
  const roster = useQuery({
    queryKey: ['room', roomCode, 'roster', search],
    queryFn: () => api.roomRoster(roomCode, search),
    enabled: mode === 'name' && search.length >= 2,
  });
  const open = useMutation({
    mutationFn: () =>
      api.openDelegateSession({
        roomCode,
        deviceId: deviceId(),
        ...(mode === 'code' ? { delegateCode: code.trim() } : { ref: picked!.ref, confirmation: confirmation.trim() || undefined }),
      }),
    onSuccess: onOpened,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'code' ? code.trim() : picked) open.mutate();
  };

  return (
    <form className="delegate-card stack" onSubmit={submit} data-testid="delegate-identify">
      <div>
        <p className="muted">{room.conferenceTitle}</p>
        <h1 className="delegate-room">{t('delegate.room', { point: room.pointName })}</h1>
      </div>
      <h2>{t('delegate.whoAreYou')}</h2>
      <div className="segmented" role="tablist">
        {(['code', 'name'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={`segment${mode === m ? ' is-active' : ''}`} onClick={() => setMode(m)}>
            {m === 'code' ? t('delegate.byCode') : t('delegate.byName')}
          </button>
        ))}
      </div>
      {mode === 'code' ? (
        <label className="field">
          <span className="field-label">{t('delegate.code')}</span>
          <input
            name="delegateCode"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('delegate.codePlaceholder')}
            autoCapitalize="characters"
            autoComplete="off"
            inputMode="text"
            className="input-large"
          />
        </label>
      ) : (
        <div className="stack">
          <label className="field">
            <span className="field-label">{t('delegate.name')}</span>
            <input
              name="delegateName"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setPicked(null);
              }}
              placeholder={t('delegate.namePlaceholder')}
              autoComplete="name"
              className="input-large"
            />
            <span className="muted small">{t('delegate.searchHint')}</span>
          </label>
          {roster.isError && <ErrorNotice error={roster.error} />}
          {roster.data && roster.data.length === 0 && <p className="muted">{t('delegate.noMatch')}</p>}
          {roster.data && roster.data.length > 0 && (
            <ul className="delegate-matches" data-testid="delegate-matches">
              {roster.data.map((d) => (
                <li key={d.ref}>
                  <button type="button" className={`delegate-match${picked?.ref === d.ref ? ' is-picked' : ''}`} onClick={() => setPicked(d)}>
                    <strong>{d.fullName}</strong>
                    <span className="muted small">{[d.title, d.unit].filter(Boolean).join(' · ')}</span>
                    {d.checkedIn && <span className="badge badge-scheduled">{t('delegate.alreadyCheckedIn')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {picked?.confirm && (
            <label className="field">
              <span className="field-label">{picked.confirm === 'birthYear' ? t('delegate.confirmBirthYear') : t('delegate.confirmPhone')}</span>
              <input name="confirmation" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} inputMode="numeric" maxLength={4} className="input-large" />
            </label>
          )}
        </div>
      )}
      {open.isError && <ErrorNotice error={open.error} />}
      <button type="submit" className="btn btn-primary btn-block btn-large" disabled={open.isPending || (mode === 'code' ? !code.trim() : !picked)}>
        {open.isPending ? t('delegate.opening') : mode === 'name' && picked ? t('delegate.thisIsMe') : t('delegate.continue')}
      </button>
    </form>
  );
}
