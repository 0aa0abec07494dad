import { Worker } from 'node:worker_threads';
import type { Resource } from '@medplum/fhirtypes';
import type { ValidationIssue } from '../ports.ts';

interface Pending {
  resolve: (issues: ValidationIssue[]) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Worker threads that run the checks of a resource by itself (structure, required bindings: the
 * costly part of validation, about half a millisecond a resource), so the main thread goes on
 * serving while a transaction's resources are validated on the other cores. Each resource goes to
 * the thread with the fewest waiting; a thread that dies fails only its own waiting resources and
 * is replaced. The threads do not keep the process alive (`unref`).
 */
export class ValidationPool {
  private readonly threads: Thread[] = [];
  private readonly size: number;
  private next = 0;

  /** Starts the threads at once: each loads the R4 definitions (about a second) before it is needed. */
  constructor(size: number) {
    this.size = size;
    for (let started = 0; started < size; started++) this.start();
  }

  /** The issues of one resource by itself (no references: those need the database). */
  check(resource: Resource): Promise<ValidationIssue[]> {
    const thread = this.thread();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, resource });
    });
  }

  /** Stops the threads (what is still waiting fails). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private thread(): Thread {
    if (this.threads.length < this.size) return this.start();
    let least = this.threads[0]!;
    for (const thread of this.threads) if (thread.pending.size < least.pending.size) least = thread;
    return least;
  }

  private start(): Thread {
    const worker = new Worker(new URL('./worker.ts', import.meta.url));
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', ({ id, issues }: { id: number; issues: ValidationIssue[] }) => {
      const waiting = thread.pending.get(id);
      thread.pending.delete(id);
      waiting?.resolve(issues);
    });
    const fail = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`A validation worker stopped (exit code ${code}).`)));
    this.threads.push(thread);
    return thread;
  }
}
