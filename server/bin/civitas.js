#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// The Civitas command line. Node 24 runs the TypeScript sources directly (type stripping).
import '../src/main.ts';
