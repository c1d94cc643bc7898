/** At most this many verified tokens are remembered per process (the reference event's phones fit twice). */
const MAX_ENTRIES = 50_000;

/**
 * The claims of tokens whose signature was already checked, by the exact token string, until they
 * expire: a phone reconnecting or checking in again costs no HMAC and no JSON parse. Only the
 * signature check is spared; what a token is checked against (versions, generations) is read every time.
 */
export class VerifiedTokens<T extends { exp: number }> {
  private readonly byToken = new Map<string, T>();

  constructor(private readonly max = MAX_ENTRIES) {}

  get(token: string, now = Date.now()): T | undefined {
    const claims = this.byToken.get(token);
    if (claims && claims.exp * 1000 <= now) {
      // Expired: the caller verifies again and reports it as such.
      this.byToken.delete(token);
      return undefined;
    }
    return claims;
  }

  remember(token: string, claims: T) {
    if (this.byToken.size >= this.max) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, claims);
  }
}
