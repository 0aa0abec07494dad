import { Command } from 'commander';
import { openDatabase, seedDemoData, startupHealthRecords } from '../bootstrap.ts';
import { createProgress, loadConfig } from '../kernel/index.ts';
import { parseCount } from './arguments.ts';
import { refuseInProduction } from './database-or-server.ts';

export function seedCommand(): Command {
  return new Command('seed')
    .description('replace the register data with a freshly generated synthetic population')
    .option('--persons <n>', 'number of persons', parseCount)
    .option('--vehicles <n>', 'number of vehicles', parseCount)
    .option('--seed <seed>', 'generator seed (same seed, same data)')
    .action(async (options: { persons?: number; vehicles?: number; seed?: string }) => {
      const config = loadConfig();
      refuseInProduction(config, 'seed');
      const opened = await openDatabase(config);
      try {
        const persons = options.persons ?? config.demoPersons;
        const vehicles = options.vehicles ?? config.demoVehicles;
        const progress = createProgress('Seeding', { persons, vehicles });
        const result = await seedDemoData(opened.database, {
          seed: options.seed ?? config.seed,
          persons,
          vehicles,
          // The others' health records come from `civitas serve`'s background seeding.
          healthRecords: startupHealthRecords(config, persons),
          onProgress: progress.update,
        });
        progress.stop();
        console.log(
          `Seeded ${result.persons} persons and ${result.vehicles} vehicles: ${result.rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rows / result.seconds)} rows/s) on ${opened.database.kind}.`,
        );
      } finally {
        await opened.close();
      }
    });
}
