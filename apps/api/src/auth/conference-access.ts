import { Injectable } from '@nestjs/common';
import { ErrorCode, Principal } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { PrincipalStates } from './principal-states';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may act on a conference: admins on all; organizers, moderators and presenters on the
 * conferences they are staff of; an operator inside its own conference.
 */
@Injectable()
export class ConferenceAccess {
  constructor(private readonly states: PrincipalStates) {}

  async assert(principal: Principal, conferenceId: string): Promise<void> {
    if (principal.kind !== 'user') {
      if (principal.conferenceId !== conferenceId) throw DomainError.forbidden('This session is for another conference.');
      return;
    }
    if (principal.role === 'admin') return;
    const conference = await this.states.conference(conferenceId.toLowerCase(), { userId: principal.userId });
    if (!conference) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    if (!conference.staff.has(principal.userId)) {
      throw new DomainError(
        ErrorCode.NotConferenceStaff,
        'You are not on the staff of this conference. Ask its organizer or an administrator to add you.',
        403,
      );
    }
  }
}
