import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64 } from './hash.ts';
import { verifyConsistency, verifyInclusion } from './proof.ts';

/**
 * The folder `../shared/testdata/<subpath>` beside the repository, or null when it is missing on
 * a developer's machine (the suite is then skipped, with a warning naming the folder). In CI a
 * missing folder throws, so the suite fails instead of passing on nothing. Kept here rather than
 * imported from the server's test helpers: the package depends on nothing outside itself.
 */
function sharedTestdataDir(subpath: string): string | null {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const dir = path.resolve(repoRoot, '../shared/testdata', subpath);
  if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  if (process.env.CI) throw new Error(`shared test data is missing in CI: ${dir}`);
  console.warn(`shared test data is missing, skipping the suite that needs it: ${dir}`);
  return null;
}

/** transparency-dev/merkle's conformance vectors (../shared/testdata/merkle, see its README). */
const dir = sharedTestdataDir('merkle');

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(root, file));
}

function load<T>(kind: string): [string, T][] {
  return jsonFiles(path.join(dir!, kind)).map((file) => [
    path.relative(dir!, file),
    JSON.parse(readFileSync(file, 'utf8')) as T,
  ]);
}

function accepted(verify: () => void): boolean {
  try {
    verify();
    return true;
  } catch {
    return false;
  }
}

// Skipped only on a machine without ../shared (a warning names the folder); in CI a missing
// folder makes sharedTestdataDir throw, so the vectors always run there.
describe.skipIf(dir === null)('transparency-dev/merkle conformance vectors', () => {
  const inclusion = dir === null ? [] : load<InclusionVector>('inclusion');
  const consistency = dir === null ? [] : load<ConsistencyVector>('consistency');

  it('finds the vectors, both accepted and rejected ones', () => {
    const all = [...inclusion, ...consistency].map(([, vector]) => vector.wantErr);
    expect(inclusion.length).toBeGreaterThan(50);
    expect(consistency.length).toBeGreaterThan(50);
    expect(all).toContain(true);
    expect(all).toContain(false);
  });

  it.each(inclusion)('inclusion %s', (_, v) => {
    const [proof, leaf, root] = [(v.proof ?? []).map(fromBase64), fromBase64(v.leafHash), fromBase64(v.root)];
    const ok = accepted(() => verifyInclusion(v.leafIdx, v.treeSize, leaf, proof, root));
    expect(ok, v.desc).toBe(!v.wantErr);
  });

  it.each(consistency)('consistency %s', (_, v) => {
    const [proof, root1, root2] = [(v.proof ?? []).map(fromBase64), fromBase64(v.root1), fromBase64(v.root2)];
    const ok = accepted(() => verifyConsistency(v.size1, v.size2, proof, root1, root2));
    expect(ok, v.desc).toBe(!v.wantErr);
  });
});

describe('the shared test data helper', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skips loudly on a developer machine when the folder is missing', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sharedTestdataDir('no-such-folder')).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no-such-folder'));
  });

  it('fails in CI when the folder is missing', () => {
    vi.stubEnv('CI', 'true');
    expect(() => sharedTestdataDir('no-such-folder')).toThrow(/no-such-folder/);
  });
});
