import type { IsoDate, Uuid } from './dto';

/** How a point's operator receives its join link. */
export type LinkChannel = 'email' | 'sms';
export type LinkDeliveryStatus = 'queued' | 'sent' | 'failed';

/** Why the links' address may not be one operators can open: unset (the browser's own address is used) or loopback. */
export type PublicUrlWarning = 'unset' | 'loopback' | null;

/** A host name only this machine can open (`localhost`, 127.x, ::1, 0.0.0.0), as `URL#hostname` gives it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host) || host === '0.0.0.0';
}

export interface LinkDelivery {
  status: LinkDeliveryStatus;
  /** The address or number it went to. */
  recipient: string;
  at: IsoDate;
  attempts: number;
  /** Why it failed, as the mail server or the gateway said it. */
  error: string | null;
}

export interface OperatorLinkDto {
  pointId: Uuid;
  code: string;
  name: string;
  district: string | null;
  operatorName: string | null;
  operatorPhone: string | null;
  operatorEmail: string | null;
  /** The page the operator opens: `<PUBLIC_URL>/point/<join code>`. */
  link: string;
  joinCode: string;
  email: LinkDelivery | null;
  sms: LinkDelivery | null;
}

export interface OperatorLinksResponse {
  /** The address the links are built on. */
  publicUrl: string;
  publicUrlWarning: PublicUrlWarning;
  /** Channels configured on the server (SMTP_URL, SMS_WEBHOOK_URL). */
  channels: Record<LinkChannel, boolean>;
  points: OperatorLinkDto[];
}

export interface SendLinksRequest {
  channel: LinkChannel;
  /** Only these points (default: every point with an address for the channel). */
  pointIds?: Uuid[];
  /** Skip points whose link already went out on this channel. */
  onlyUnsent?: boolean;
}

export interface SendLinksAccepted {
  jobId: string;
  /** Deliveries queued: points with an address for the channel. */
  queued: number;
  /** Points left out because they have no address for the channel. */
  withoutAddress: number;
}

/** The result of a send-links job (`GET /api/jobs/:jobId`). */
export interface SendLinksResult {
  channel: LinkChannel;
  sent: number;
  failed: number;
}
