import type { QuestionDto, SpeakRequestDto } from '@bridgepoint/contracts';

export function isQuestion(value: unknown): value is QuestionDto {
  return typeof value === 'object' && value !== null && 'id' in value && 'text' in value && 'version' in value;
}

export function isSpeakRequest(value: unknown): value is SpeakRequestDto {
  return typeof value === 'object' && value !== null && 'id' in value && 'seq' in value && 'requestedAt' in value;
}

/** Puts a question into the list, unless the list already holds a newer version of it. */
export function upsertQuestion(list: readonly QuestionDto[], question: QuestionDto): QuestionDto[] {
  const index = list.findIndex((q) => q.id === question.id);
  if (index === -1) return [...list, question];
  if (list[index]!.version > question.version) return [...list];
  return list.map((q, i) => (i === index ? question : q));
}

/** Approved questions in answering order. */
export function answeringOrder(questions: readonly QuestionDto[]): QuestionDto[] {
  return questions
    .filter((q) => q.status === 'approved')
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.createdAt.localeCompare(b.createdAt));
}
