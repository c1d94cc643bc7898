import { isLoopbackHost, type PublicUrlWarning } from '@bridgepoint/contracts';

/** Whether operators could open links built on this address: unset, or a loopback host, is a warning. */
export function publicUrlWarning(publicUrl: string | null): PublicUrlWarning {
  if (!publicUrl) return 'unset';
  return isLoopbackHost(new URL(publicUrl).hostname) ? 'loopback' : null;
}

/** The operator page of a point: what its QR code and every message carry. */
export function joinLink(base: string, joinCode: string): string {
  return `${base.replace(/\/+$/, '')}/point/${encodeURIComponent(joinCode)}`;
}

/** `{name}`-style placeholders filled in; unknown ones are left as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
