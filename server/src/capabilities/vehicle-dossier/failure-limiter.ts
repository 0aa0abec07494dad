/**
 * Counts a client's failed attempts in a sliding window and refuses it past a limit: a wrong
 * second fact costs an attempt, so a VIN's facts cannot be guessed by trying. In memory, per
 * process (behind a load balancer, the limit applies per instance).
 */
export class FailureLimiter {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly failures = new Map<string, number[]>();

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  blocked(client: string, now = Date.now()): boolean {
    return this.recent(client, now).length >= this.max;
  }

  fail(client: string, now = Date.now()): void {
    const recent = this.recent(client, now);
    recent.push(now);
    this.failures.set(client, recent);
    if (this.failures.size > 100_000) this.prune(now);
  }

  private recent(client: string, now: number): number[] {
    return (this.failures.get(client) ?? []).filter((at) => now - at < this.windowMs);
  }

  private prune(now: number): void {
    for (const [client, times] of this.failures) {
      if (times.every((at) => now - at >= this.windowMs)) this.failures.delete(client);
    }
  }
}
