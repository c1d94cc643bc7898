import type { rehearsalVi } from './rehearsal.vi';

/** The rehearsal: the operator's confirmation and the readiness board's view of it (English). */
export const rehearsalEn: typeof rehearsalVi = {
  rehearsal: {
    title: 'Rehearsal',
    intro: 'The conference is rehearsing. When you see the test broadcast, confirm that this point receives both picture and sound.',
    practice: 'Check-ins during the rehearsal are practice and are cleared when the rehearsal ends.',
    received: 'Picture and sound received',
    problem: 'Something is wrong',
    whatMissing: 'What does this point not receive?',
    problems: { picture: 'No picture', sound: 'No sound', both: 'Neither picture nor sound' },
    note: 'A note for the organizers (optional)',
    sendProblem: 'Report the problem',
    confirmed: 'Confirmed: picture and sound received.',
    confirmedAt: 'Confirmed at {{time}}: picture and sound received.',
    reported: 'Problem reported: {{problem}}. The organizers will get in touch.',
    reportedShort: 'Problem reported. The organizers will get in touch.',
    board: 'Rehearsal: {{confirmed}} confirmed · {{problem}} reported a problem · {{unanswered}} not answered',
    tile: { confirmed: 'Rehearsal: picture and sound received', problem: 'Rehearsal: {{problem}}', unconfirmed: 'Rehearsal: not confirmed' },
  },
};
