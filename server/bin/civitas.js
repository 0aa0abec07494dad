#!/usr/bin/env -S node --disable-warning=ExperimentalWarning --max-semi-space-size=64
// The Civitas command line. Node 24 runs the TypeScript sources directly (type stripping).
// A larger young generation (64 MB semi-spaces): a request makes much short-lived garbage
// (envelopes, signatures, JSON), and with the default the scavenger runs so often that it
// costs a fifth of a report's time (bench: dossier 272 → 346 reports/s).
import '../src/main.ts';
