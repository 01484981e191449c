import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import ts from 'typescript';

/**
 * Small modules, functions that fit on a screen (issue 19's bar): no source file in src/ or
 * web/src over 250 lines, no function over 60. Generated code (web/src/lib/api/generated)
 * is not written by hand and is left out.
 */
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 60;

function sources(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'web/src'],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('/generated/'))
    .filter((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false; // deleted in the work tree
      }
    });
}

/** Every function longer than the limit in `text`, as `file:line (n lines)`. */
export function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const long: string[] = [];
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
      if (lines > max) long.push(`${file}:${lineOf(node.getStart()) + 1} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return long;
}

describe('the size of the code', () => {
  const files = sources();

  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, n]) => n > MAX_FILE_LINES)
      .map(([f, n]) => `${f} (${n} lines)`);
    expect(long).to.deep.equal([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap((f) => longFunctions(f, readFileSync(f, 'utf8')));
    expect(long).to.deep.equal([]);
  });

  it('finds a long function (the check can fail)', () => {
    const body = Array.from({ length: 61 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `export function long(): void {\n${body}\n}\n`;
    expect(longFunctions('x.ts', text)).to.deep.equal(['x.ts:1 (63 lines)']);
  });
});
