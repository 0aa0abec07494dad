#!/usr/bin/env -S node --disable-warning=ExperimentalWarning --max-semi-space-size=64
// The Civitas command line. Node 24 runs the TypeScript sources directly (type stripping).
// A larger young generation (64 MB semi-spaces): a request makes much short-lived garbage
// (envelopes, signatures, JSON), and with the default the scavenger runs so often that it
// costs a fifth of a report's time (bench: dossier 272 → 346 reports/s).
import module from 'node:module';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `civitas: Node.js ${process.versions.node} cannot run it: it needs Node.js 22.18 or newer (type stripping). ` +
      'Run it as `npx civitas` or through `npm start`: they use the Node.js 24 that `npm install` put in node_modules.',
  );
  process.exit(1);
}
// Compiled modules are cached between runs (in the system's temporary directory): a restart
// loads the platform's code in about two thirds of the time.
module.enableCompileCache();
await import('../src/main.ts');
