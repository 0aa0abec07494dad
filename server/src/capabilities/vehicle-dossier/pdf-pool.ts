import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import type { PdfOptions } from './pdf.ts';
import type { RenderJob, RenderResult } from './pdf-worker.ts';

const WORKER_FILE = new URL('./pdf-worker.ts', import.meta.url);

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface RendererThread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Renders report PDFs on worker threads, so that a PDF (tens of milliseconds of layout, font
 * subsetting and compression) does not hold up the event loop, and several render at once on a
 * machine with several cores. A job goes to the thread with the fewest jobs; a thread that dies
 * fails its jobs and is replaced.
 */
export class PdfRendererPool {
  private readonly threads: RendererThread[] = [];
  private readonly size: number;
  private nextId = 1;
  private closed = false;

  constructor(size = Math.min(4, Math.max(1, os.availableParallelism()))) {
    this.size = size;
  }

  render(report: SignedReport, options: PdfOptions): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the PDF renderer is closed'));
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      const job: RenderJob = { id, report, options };
      thread.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
    for (const thread of threads) this.fail(thread, new Error('the PDF renderer was closed'));
  }

  private leastBusy(): RendererThread {
    if (this.threads.length < this.size) {
      const idle = this.threads.find((thread) => thread.pending.size === 0);
      if (idle) return idle;
      return this.spawn();
    }
    let best = this.threads[0]!;
    for (const thread of this.threads) if (thread.pending.size < best.pending.size) best = thread;
    return best;
  }

  private spawn(): RendererThread {
    const worker = new Worker(WORKER_FILE);
    const thread: RendererThread = { worker, pending: new Map() };
    worker.on('message', (result: RenderResult) => {
      const job = thread.pending.get(result.id);
      if (!job) return;
      thread.pending.delete(result.id);
      if ('error' in result) job.reject(new Error(`the PDF could not be rendered: ${result.error}`));
      else job.resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
    });
    const retire = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      this.fail(thread, error);
    };
    worker.on('error', (error) => retire(error));
    worker.on('exit', (code) => retire(new Error(`the PDF renderer thread stopped (exit code ${code})`)));
    // An idle renderer thread does not keep the process alive.
    worker.unref();
    this.threads.push(thread);
    return thread;
  }

  private fail(thread: RendererThread, error: Error): void {
    for (const job of thread.pending.values()) job.reject(error);
    thread.pending.clear();
  }
}
