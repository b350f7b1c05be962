import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from './markdown.ts';

const REPO = join(import.meta.dirname, '..', '..');

/**
 * The layers of docs/architecture.md, bottom first. A file may import its own folder and any
 * folder on a lower line; folders on one line are peers and do not import each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/domain'],
  ['src/core'],
  ['src/parse'],
  ['src/i18n'],
  ['src/db'],
  ['src/cards'],
  ['src/features'],
  ['commands', 'src/jobs', 'src/channels', 'src/dashboard'],
  ['src/app'],
  ['src/index.ts'],
];
/** Ambient declarations for untyped packages: no imports, visible to every layer. */
const OUTSIDE_LAYERS = ['src/types'];

function layerOf(path: string): { folder: string; rank: number } | null {
  for (const [rank, line] of LAYERS.entries()) {
    const folder = line.find((f) => path === f || path.startsWith(`${f}/`));
    if (folder) return { folder, rank };
  }
  return null;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|mts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

interface Import { specifier: string; typeOnly: boolean; line: number }

/** Every module a file names: static imports, re-exports, `import()` and `import('…').Type`. */
function importsOf(path: string): Import[] {
  const text = readFileSync(join(REPO, path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      found.push({ specifier: specifier.text, typeOnly, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings)
        && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const files = ['src', 'commands'].flatMap(sourceFiles);

/** Each import of ours that points up or sideways, as `file:line imports target (why)`. */
function wrongImports(): string[] {
  const wrong: string[] = [];
  for (const path of files) {
    const from = layerOf(path);
    if (!from) continue; // reported by the test below
    for (const { specifier, typeOnly, line } of importsOf(path)) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(REPO, resolve(REPO, dirname(path), specifier)).split(sep).join('/');
      if (OUTSIDE_LAYERS.some((f) => target.startsWith(`${f}/`))) continue;
      const to = layerOf(target);
      const at = `${path}:${line} imports ${target}`;
      if (!to) wrong.push(`${at} (outside every layer)`);
      else if (to.folder === from.folder) continue;
      else if (to.rank > from.rank) wrong.push(`${at} (${from.folder} is below ${to.folder})`);
      else if (to.rank === from.rank) wrong.push(`${at} (${from.folder} and ${to.folder} are peers)`);
      else if (from.folder === 'src/core' && !typeOnly) wrong.push(`${at} (src/core imports only types)`);
    }
  }
  return wrong;
}

describe('layers (docs/architecture.md): every import points down', () => {
  it('puts every source file in a layer', () => {
    const outside = files.filter((f) => !layerOf(f) && !OUTSIDE_LAYERS.some((o) => f.startsWith(`${o}/`)));
    expect(outside, 'a new folder: add it to LAYERS here and to docs/architecture.md').toEqual([]);
  });

  it('finds the imports it checks', () => {
    // a parser that found nothing would pass every rule
    const commandImports = importsOf('commands/accept.ts').map((i) => i.specifier);
    expect(commandImports.some((s) => s.startsWith('../src/'))).toBe(true);
  });

  it('has no import from a lower layer to a higher one, nor between peers', () => {
    expect(wrongImports()).toEqual([]);
  });

  it('matches the picture in docs/architecture.md, top layer first', () => {
    const page = readFileSync(join(REPO, 'docs', 'architecture.md'), 'utf8');
    const picture = fencedBlocks(page).find((b) => b.lang === 'text')?.body ?? '';
    const drawn = picture.split('\n').map((l) => l.split(/\s{2,}/)[0]?.trim() ?? '').filter(Boolean);
    expect(drawn).toEqual([...LAYERS].reverse().map((line) => line.join(' ')));
  });
});
