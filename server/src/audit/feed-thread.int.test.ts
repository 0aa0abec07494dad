import { describe, expect, it } from 'vitest';
import { FeedThread } from './feed-thread.ts';

describe("the log feed's own thread", () => {
  it("fails to start, with the database's error, when the database cannot be reached", async () => {
    const reported: Error[] = [];
    await expect(
      FeedThread.start({ databaseUrl: 'postgres://civitas@127.0.0.1:1/none', intervalMs: 0 }, (error) =>
        reported.push(error),
      ),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(reported.length).toBeGreaterThan(0);
  });
});
