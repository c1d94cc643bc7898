import type { ConferenceDto, CreateConferenceRequest } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, queryKeys } from '../../lib/endpoints';
import { isoToLocalInput, localInputToIso } from '../../lib/time';
import { AgendaEditor } from './AgendaEditor';
import { rowsFromDto, rowsToInput, validateRows, type AgendaRow } from './agenda';

interface Props {
  /** Absent when creating a new conference. */
  conference?: ConferenceDto;
}

interface Fields {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
}

type FieldProblem = 'titleRequired' | 'startRequired' | 'endBeforeStart';

function fieldsFrom(conference: ConferenceDto | undefined): Fields {
  return {
    title: conference?.title ?? '',
    description: conference?.description ?? '',
    startsAt: isoToLocalInput(conference?.startsAt),
    endsAt: isoToLocalInput(conference?.endsAt),
  };
}

function validateFields(fields: Fields): Partial<Record<keyof Fields, FieldProblem>> {
  const problems: Partial<Record<keyof Fields, FieldProblem>> = {};
  if (!fields.title.trim()) problems.title = 'titleRequired';
  const start = localInputToIso(fields.startsAt);
  if (!start) problems.startsAt = 'startRequired';
  const end = localInputToIso(fields.endsAt);
  if (start && end && Date.parse(end) <= Date.parse(start)) problems.endsAt = 'endBeforeStart';
  return problems;
}

export function ConferenceForm({ conference }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => fieldsFrom(conference));
  const [rows, setRows] = useState<AgendaRow[]>(() =>
    conference ? rowsFromDto(conference.agenda, conference.startsAt) : [],
  );
  const [savedAgenda, setSavedAgenda] = useState(() =>
    JSON.stringify(conference ? rowsToInput(rowsFromDto(conference.agenda, conference.startsAt), isoToLocalInput(conference.startsAt)) : []),
  );
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);

  const fieldProblems = validateFields(fields);
  const agendaProblems = validateRows(rows);
  const invalid = Object.keys(fieldProblems).length > 0 || agendaProblems.length > 0;

  const set = (patch: Partial<Fields>) => {
    setSaved(false);
    setFields((current) => ({ ...current, ...patch }));
  };

  const save = useMutation({
    mutationFn: async (): Promise<ConferenceDto> => {
      const startsAt = localInputToIso(fields.startsAt) ?? '';
      const endsAt = localInputToIso(fields.endsAt) ?? undefined;
      const agenda = rowsToInput(rows, fields.startsAt);
      if (!conference) {
        const body: CreateConferenceRequest = {
          title: fields.title.trim(),
          startsAt,
          endsAt,
          description: fields.description.trim() || undefined,
          agenda: agenda.length > 0 ? agenda : undefined,
        };
        return api.createConference(body);
      }
      let updated = await api.updateConference(conference.id, {
        title: fields.title.trim(),
        description: fields.description.trim(),
        startsAt,
        endsAt,
      });
      const agendaJson = JSON.stringify(agenda);
      if (agendaJson !== savedAgenda) {
        updated = { ...updated, agenda: await api.replaceAgenda(conference.id, agenda) };
        setSavedAgenda(agendaJson);
      }
      return updated;
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.conference(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conferences, exact: true });
      if (!conference) {
        void navigate(`/conferences/${encodeURIComponent(updated.id)}`, { replace: true, state: { created: true } });
        return;
      }
      setSaved(true);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setSaved(false);
    if (invalid) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (!save.isPending) save.mutate();
  };

  const problem = (name: keyof Fields) => (submitted ? fieldProblems[name] : undefined);

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('editor.details')}</h2>
        <div className="form-stack">
          <label className="field">
            <span className="field-label">
              {t('editor.title')} <span className="req">*</span>
            </span>
            <input
              name="title"
              value={fields.title}
              placeholder={t('editor.titlePlaceholder')}
              aria-invalid={problem('title') ? true : undefined}
              onChange={(event) => set({ title: event.target.value })}
            />
            {problem('title') && <span className="field-error">{t('editor.errors.titleRequired')}</span>}
          </label>
          <label className="field">
            <span className="field-label">{t('editor.description')}</span>
            <textarea
              name="description"
              rows={3}
              value={fields.description}
              onChange={(event) => set({ description: event.target.value })}
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span className="field-label">
                {t('editor.startsAt')} <span className="req">*</span>
              </span>
              <input
                type="datetime-local"
                name="startsAt"
                value={fields.startsAt}
                aria-invalid={problem('startsAt') ? true : undefined}
                onChange={(event) => set({ startsAt: event.target.value })}
              />
              {problem('startsAt') && <span className="field-error">{t('editor.errors.startRequired')}</span>}
            </label>
            <label className="field">
              <span className="field-label">{t('editor.endsAt')}</span>
              <input
                type="datetime-local"
                name="endsAt"
                value={fields.endsAt}
                min={fields.startsAt || undefined}
                aria-invalid={problem('endsAt') ? true : undefined}
                onChange={(event) => set({ endsAt: event.target.value })}
              />
              {problem('endsAt') && <span className="field-error">{t('editor.errors.endBeforeStart')}</span>}
            </label>
          </div>
          <p className="muted small">{t('editor.timezoneHint')}</p>
        </div>
      </section>

      <AgendaEditor
        rows={rows}
        onChange={(next) => {
          setSaved(false);
          setRows(next);
        }}
        startsAtLocal={fields.startsAt}
        problems={agendaProblems}
        showProblems={submitted}
      />

      <div className="save-bar">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending
            ? conference
              ? t('common.saving')
              : t('editor.creating')
            : conference
              ? t('common.save')
              : t('editor.create')}
        </button>
        {submitted && invalid && (
          <span className="field-error" role="alert">
            {t('editor.errors.fixBelow')}
          </span>
        )}
        {saved && !save.isPending && (
          <span className="save-ok" role="status">
            ✓ {t('editor.saved')}
          </span>
        )}
      </div>
      {save.isError && <ErrorNotice error={save.error} />}
    </form>
  );
}
