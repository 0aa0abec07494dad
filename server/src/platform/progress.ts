import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, stage: string): void;
  stop(): void;
}

/** A progress bar on a terminal; a line every 10% when output goes to a log. */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {stage} | {eta_formatted} left`,
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, stage) {
        if (!started) {
          bar.start(total, 0, { stage });
          started = true;
        }
        bar.update(done, { stage });
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(done, total, stage) {
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${label}: ${decile * 10}% (${done}/${total}, ${stage})\n`);
    },
    stop() {},
  };
}
