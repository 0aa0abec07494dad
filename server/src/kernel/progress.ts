import cliProgress from 'cli-progress';

/** Progress over several counts at once (e.g. persons and vehicles), each against its own total. */
export interface Progress {
  update(counts: Readonly<Record<string, number>>): void;
  stop(): void;
}

/**
 * On a terminal, one bar per count under a heading; when output goes to a log, a line per count
 * at each quarter, so a log holds a handful of lines rather than a bar's redraws.
 */
export function createProgress(
  label: string,
  totals: Readonly<Record<string, number>>,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const names = Object.keys(totals);
  const width = Math.max(...names.map((name) => name.length));
  if (stream.isTTY) {
    const bars = new cliProgress.MultiBar(
      {
        // The time left only once a count has started (a bar still at 0 has no estimate).
        format: (options, params, payload: { name: string }) => {
          const bar = cliProgress.Format.BarFormat(params.progress, options);
          const percent = String(Math.floor(params.progress * 100)).padStart(3);
          const left =
            params.value > 0 && params.value < params.total && Number.isFinite(params.eta)
              ? ` | ${cliProgress.Format.TimeFormat(params.eta, options, 1)} left`
              : '';
          return `  ${payload.name} [${bar}] ${percent}% | ${params.value}/${params.total}${left}`;
        },
        stream,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let created: Map<string, cliProgress.SingleBar> | undefined;
    return {
      update(counts) {
        if (!created) {
          stream.write(`${label}\n`);
          created = new Map(
            names.map((name) => [name, bars.create(totals[name]!, 0, { name: name.padEnd(width) })]),
          );
        }
        for (const [name, count] of Object.entries(counts)) created.get(name)?.update(count);
      },
      stop: () => bars.stop(),
    };
  }
  const lastQuarter = new Map<string, number>();
  return {
    update(counts) {
      for (const [name, count] of Object.entries(counts)) {
        const total = totals[name];
        if (total === undefined || count === 0) continue;
        const quarter = Math.floor((count / Math.max(total, 1)) * 4);
        if (quarter === (lastQuarter.get(name) ?? 0)) continue;
        lastQuarter.set(name, quarter);
        stream.write(
          `${label}: ${name} ${Math.floor((count / Math.max(total, 1)) * 100)}% (${count}/${total})\n`,
        );
      }
    },
    stop() {},
  };
}
