import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WebBuildPaths, webBuildIsCurrent, webSourceHash } from './web-build.ts';

/** A repository in miniature: a web app importing a library outside its folder. */
function fixture(root: string): WebBuildPaths {
  const files: Record<string, string> = {
    'web/package.json': '{"name":"web"}',
    'web/index.html': '<script type="module" src="/src/main.ts"></script>',
    'web/src/main.ts': "import { verify } from '../../shared/verify.ts';\nverify();",
    'web/src/strings.json': '{"hello":"Hello"}',
    'web/dist/index.html': '<p>built</p>',
    'web/node_modules/react/index.js': 'module.exports = {};',
    'shared/verify.ts': "export { verify } from './hash';",
    'shared/hash.ts': 'export const verify = () => 1;',
    'shared/unrelated.ts': 'export const other = 2;',
    'package-lock.json': '{"lockfileVersion":3}',
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return {
    webDir: path.join(root, 'web'),
    distDir: path.join(root, 'web/dist'),
    lockfile: path.join(root, 'package-lock.json'),
  };
}

describe('whether npm start must build the web app (issue 14, item 23)', () => {
  let root: string;
  let paths: WebBuildPaths;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-web-build-'));
    paths = fixture(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const changed = (file: string, content: string) => {
    const before = webSourceHash(paths);
    fs.writeFileSync(path.join(root, file), content);
    return webSourceHash(paths) !== before;
  };

  it('sees a change in the web app, in what it imports from outside its folder (transitively), and in the lockfile', () => {
    expect(webSourceHash(paths)).toBe(webSourceHash(paths));
    expect(
      changed('web/src/main.ts', "import { verify } from '../../shared/verify.ts';\nverify(); // 2"),
    ).toBe(true);
    expect(changed('web/src/strings.json', '{"hello":"Здравей"}')).toBe(true);
    expect(changed('shared/hash.ts', 'export const verify = () => 2;')).toBe(true);
    expect(changed('package-lock.json', '{"lockfileVersion":3,"packages":{}}')).toBe(true);
    expect(changed('web/src/new-screen.tsx', 'export const Screen = () => null;')).toBe(true);
  });

  it('ignores the build itself, installed packages and files the web app does not import', () => {
    expect(changed('web/dist/index.html', '<p>built again</p>')).toBe(false);
    expect(changed('web/node_modules/react/index.js', 'module.exports = { v: 2 };')).toBe(false);
    expect(changed('shared/unrelated.ts', 'export const other = 3;')).toBe(false);
  });

  it('counts a build as current only when it is there and stamped with the sources as they are now', () => {
    expect(webBuildIsCurrent(paths)).toBe(false);
    fs.writeFileSync(path.join(paths.distDir, '.source-hash'), `${webSourceHash(paths)}\n`);
    expect(webBuildIsCurrent(paths)).toBe(true);
    fs.writeFileSync(path.join(root, 'shared/hash.ts'), 'export const verify = () => 3;');
    expect(webBuildIsCurrent(paths)).toBe(false);
    fs.writeFileSync(path.join(paths.distDir, '.source-hash'), `${webSourceHash(paths)}\n`);
    fs.rmSync(path.join(paths.distDir, 'index.html'));
    expect(webBuildIsCurrent(paths)).toBe(false);
  });
});
