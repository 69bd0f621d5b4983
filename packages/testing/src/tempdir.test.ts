import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, withTempDir } from './tempdir';

describe('temp dirs', () => {
  it('makeTempDir creates a fresh directory that cleanup() removes with its contents', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir.path, 'file'), 'x');
    expect(existsSync(join(dir.path, 'file'))).toBe(true);
    await dir.cleanup();
    await dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
  });

  it('withTempDir removes the directory even when the callback throws', async () => {
    let seen = '';
    await expect(
      withTempDir(async (path) => {
        seen = path;
        await writeFile(join(path, 'file'), 'x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);
  });
});
