import type { QuestionDto, QuestionStatus } from '@bridgepoint/contracts';

export type StatusTab = QuestionStatus | 'all';
export const STATUS_TABS: readonly StatusTab[] = ['pending', 'approved', 'answered', 'rejected', 'merged', 'withdrawn', 'all'];

/** Filter values for questions without a district (city agencies) or without an agenda item. */
export const NO_DISTRICT = '\u0000none';
export const NO_AGENDA = '\u0000none';

export interface QuestionFilter {
  status: StatusTab;
  /** '' = every district. */
  district: string;
  /** '' = every agenda item. */
  agenda: string;
}

export const DEFAULT_FILTER: QuestionFilter = { status: 'pending', district: '', agenda: '' };

function matchesPlace(question: QuestionDto, filter: QuestionFilter): boolean {
  if (filter.district && (question.district ?? NO_DISTRICT) !== filter.district) return false;
  if (filter.agenda && (question.agendaItemId ?? NO_AGENDA) !== filter.agenda) return false;
  return true;
}

/** Questions of the chosen district and agenda item, counted by status (for the tabs). */
export function countByStatus(questions: readonly QuestionDto[], filter: QuestionFilter): Record<StatusTab, number> {
  const counts: Record<StatusTab, number> = { pending: 0, approved: 0, answered: 0, rejected: 0, merged: 0, withdrawn: 0, all: 0 };
  for (const question of questions) {
    if (!matchesPlace(question, filter)) continue;
    counts[question.status] += 1;
    counts.all += 1;
  }
  return counts;
}

/** Waiting questions oldest first (a queue); the rest most recently changed first. */
export function filterQuestions(questions: readonly QuestionDto[], filter: QuestionFilter): QuestionDto[] {
  const shown = questions.filter((q) => (filter.status === 'all' || q.status === filter.status) && matchesPlace(q, filter));
  if (filter.status === 'pending' || filter.status === 'approved') return shown.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return shown.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Districts that have sent questions, with how many, alphabetically (agencies last). */
export function districtOptions(questions: readonly QuestionDto[]): Array<{ value: string; name: string | null; count: number }> {
  const counts = new Map<string, number>();
  for (const q of questions) {
    const value = q.district ?? NO_DISTRICT;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([value, count]) => ({ value, name: value === NO_DISTRICT ? null : value, count }))
    .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'vi')));
}
