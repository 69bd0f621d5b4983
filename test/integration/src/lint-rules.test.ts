/**
 * The lint rules that keep the package graph honest actually fire: a cross-package `src` import and an
 * import cycle each fail `eslint`. (Both rules silently did nothing until their resolver and parser
 * settings were right, which is why this is tested.)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const ESLINT = join(ROOT, 'node_modules', '.bin', 'eslint');

function eslint(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(ESLINT, args, { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

describe('lint rules', () => {
  it('refuses an import into another package by path', async () => {
    const res = await eslint(['--stdin', '--stdin-filename', 'packages/apiserver/src/example.ts'], "import { parseQuantity } from '../../api/src/quantity';\nexport const q = parseQuantity;\n");
    expect(res.code).toBe(1);
    expect(res.out).toContain('no-restricted-imports');
  });

  it('refuses an import cycle', async () => {
    const dir = await mkdtemp(join(ROOT, 'packages', 'apiserver', 'src', 'lint-cycle-'));
    try {
      await writeFile(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): unknown => b;\n");
      await writeFile(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): unknown => a;\n");
      const res = await eslint([relative(ROOT, dir)]);
      expect(res.code).toBe(1);
      expect(res.out).toContain('import-x/no-cycle');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('accepts the same code without the violations', async () => {
    const res = await eslint(['--stdin', '--stdin-filename', 'packages/apiserver/src/example.ts'], "import { parseQuantity } from '@tinykube/api';\nexport const q = parseQuantity;\n");
    expect(res.out).toBe('');
    expect(res.code).toBe(0);
  });
});
