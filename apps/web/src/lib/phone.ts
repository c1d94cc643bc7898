/** A `tel:` link that phones dial from any way the number was written ("0912 345 678", "+84-912…"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
