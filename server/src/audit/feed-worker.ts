/**
 * The log feed's own thread (see feed-thread.ts): on PostgreSQL the feed reads the exchange's
 * logs (through the exchange's outbox, on this thread's connections), turns them into log
 * entries and usage records and appends them with a sequencer of its own, beside the server's
 * event loop instead of on it. It answers `run` (feed now, as far as
 * the logs go) and `stop`, and feeds on its own every `intervalMs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectDatabase } from '../db/index.ts';
import { exchangeLogs } from '../exchange/index.ts';
import { LogFeed } from './feed.ts';
import { LogSequencer } from './log/sequencer.ts';

export interface FeedWorkerData {
  databaseUrl: string;
  intervalMs: number;
}

export type FeedRequest = { id: number; kind: 'run' } | { id: number; kind: 'stop' };

export type FeedReply =
  | { id: number; appended: number }
  | { id: number; error: string }
  | { id: null; error: string }
  | { ready: true };

const { databaseUrl, intervalMs } = workerData as FeedWorkerData;
const port = parentPort!;
const database = await connectDatabase({ databaseUrl, poolSize: 2 });
const sequencer = await LogSequencer.open(database.db);
const feed = new LogFeed(database.db, sequencer, exchangeLogs(database.db));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
if (intervalMs > 0) feed.start(intervalMs, (error) => port.postMessage({ id: null, error: describe(error) }));

port.on('message', (request: FeedRequest) => {
  if (request.kind === 'run') {
    feed.run().then(
      (appended) => port.postMessage({ id: request.id, appended } satisfies FeedReply),
      (error: unknown) => port.postMessage({ id: request.id, error: describe(error) } satisfies FeedReply),
    );
    return;
  }
  // Stops as a feed on the event loop does: the platform asks a last `run` before it closes.
  void (async () => {
    await feed.stop();
    await sequencer.close();
    await database.close();
    port.postMessage({ id: request.id, appended: 0 } satisfies FeedReply);
    port.close();
  })();
});
port.postMessage({ ready: true } satisfies FeedReply);
