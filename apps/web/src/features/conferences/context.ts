import type { ConferenceDto } from '@bridgepoint/contracts';
import { useOutletContext } from 'react-router';

export interface ConferenceContext {
  conference: ConferenceDto;
}

/** The conference loaded by `ConferenceShell`, for the pages nested under /conferences/:id. */
export function useConference(): ConferenceDto {
  return useOutletContext<ConferenceContext>().conference;
}
