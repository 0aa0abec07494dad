import { Worker } from 'node:worker_threads';
import type { FeedReply, FeedRequest, FeedWorkerData } from './feed-worker.ts';

const WORKER_FILE = new URL('./feed-worker.ts', import.meta.url);

/** What the platform asks of the log feed, wherever it runs. */
export interface Feed {
  /** Feeds what the exchange has logged so far; resolves with the number of entries appended. */
  run(): Promise<number>;
  /** Stops feeding on a timer, after the round under way (a last `run` is the caller's). */
  stop(): Promise<void>;
}

/**
 * The log feed on its own thread (PostgreSQL only: the embedded PGlite has one connection, in
 * this thread). Feeding costs the server a tenth of its time under exchange traffic (reading
 * the message log back, hashing, encoding, appending); on its own thread that work uses the
 * machine's other core. The thread has its own connections and its own sequencer; the
 * sequencers take turns through the locked head row (see LogSequencer).
 */
export class FeedThread implements Feed {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private exited = false;

  private constructor(data: FeedWorkerData, report: (error: Error) => void) {
    this.worker = new Worker(WORKER_FILE, { workerData: data });
    // The server's listener keeps the process alive, not the feed.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (reply: FeedReply) => {
        if ('ready' in reply) return resolve();
        if (reply.id === null) return report(new Error(`log feed: ${reply.error}`));
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if ('error' in reply) waiting?.reject(new Error(`log feed: ${reply.error}`));
        else waiting?.resolve(reply.appended);
      });
      this.worker.on('error', (error) => {
        report(error);
        reject(error);
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const error = new Error(`the log feed's thread stopped (exit code ${code})`);
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      });
    });
  }

  /** Starts the thread and resolves once it is connected and feeding. */
  static async start(data: FeedWorkerData, report: (error: Error) => void): Promise<FeedThread> {
    const thread = new FeedThread(data, report);
    await thread.ready;
    return thread;
  }

  run(): Promise<number> {
    return this.ask('run');
  }

  /** Stops the thread after the round under way; a thread that does not finish in time is ended. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.exited) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(0), timeoutMs);
    });
    await Promise.race([this.ask('stop').catch(() => 0), late]);
    clearTimeout(timer);
    await this.worker.terminate();
  }

  private ask(kind: FeedRequest['kind']): Promise<number> {
    if (this.exited) return Promise.reject(new Error("the log feed's thread has stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, kind } satisfies FeedRequest);
    });
  }
}
