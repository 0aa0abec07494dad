import fs from 'node:fs';
import path from 'node:path';

const POSIX = process.platform !== 'win32';

/**
 * Private keys kept out of the database, one file each in a directory of their own
 * (`CIVITAS_KEY_DIR`): the directory is made readable by its owner only (0700), each file is
 * written once, exclusively, readable and writable by its owner only (0600). A file that others
 * may read is refused rather than used. Whoever can read the database cannot sign with these.
 */
export class KeyStore {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  /** The file's contents, or undefined when there is none. */
  read(name: string): string | undefined {
    const file = this.pathOf(name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (POSIX && (stat.mode & 0o077) !== 0) {
      throw new Error(
        `${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it, and check who has read it`,
      );
    }
    return fs.readFileSync(file, 'utf8');
  }

  /**
   * Writes the file if there is none (a process starting at the same moment may win the race),
   * and answers what the file holds.
   */
  createIfAbsent(name: string, contents: string): string {
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(this.pathOf(name), contents, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return this.read(name)!;
  }

  pathOf(name: string): string {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new Error(`not a key file name: ${name}`);
    return path.join(this.directory, name);
  }
}
