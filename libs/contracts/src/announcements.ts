import type { IsoDate, Uuid } from './dto';

/** The longest notice text, in characters. */
export const ANNOUNCEMENT_MAX_LENGTH = 1000;

/**
 * A notice from the organizers to every point of the conference or to the points of one district.
 * Staff see how many of the addressed points acknowledged it; an operator sees whether its own point did.
 */
export interface AnnouncementDto {
  id: Uuid;
  conferenceId: Uuid;
  text: string;
  /** The district it is addressed to; null: every point of the conference. */
  districtId: Uuid | null;
  district: string | null;
  createdAt: IsoDate;
  /** Who sent it (display name); null once that account is gone. */
  createdBy: string | null;
  /** Points it is addressed to now. */
  recipients: number;
  /** Of those, how many acknowledged it. */
  acknowledged: number;
  /** For a point operator: when its point acknowledged it (null: not yet). Always null for staff. */
  acknowledgedAt: IsoDate | null;
}

/** `POST /api/conferences/:id/announcements`. */
export interface CreateAnnouncementRequest {
  text: string;
  /** Only the points of this district (a unit of kind `district`); left out: every point. */
  districtId?: Uuid | null;
}
