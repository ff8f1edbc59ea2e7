import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One module reference in a project file; paths are relative to the project root, with `/`. */
export interface ImportEdge {
  readonly from: string;
  /** The file it resolves to, or the path it names when nothing is there. */
  readonly to: string;
  readonly resolved: boolean;
  /** `import type`, `export type`, `import('…').T`: erased at compile time, no module is loaded. */
  readonly typeOnly: boolean;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', 'data']);
/** What a relative specifier without an extension may name (node16 resolution, as tsc and ts-jest resolve it). */
const RESOLUTION_SUFFIXES = ['', '.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'];
/** jest's module-registry calls name modules just as imports do. */
const JEST_MODULE_CALLS = new Set(['mock', 'doMock', 'unmock', 'requireActual', 'requireMock']);

/** Every TypeScript file of the project, as root-relative paths (dependencies, build output and dot-folders left out). */
export function projectSourceFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (SOURCE_FILE.test(name)) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  visit(root);
  return files.sort();
}

/** The project's relative imports; packages (`graphql`, `node:fs`) are outside the rules. */
export function readImportGraph(root: string): ImportEdge[] {
  return projectSourceFiles(root).flatMap((file) =>
    moduleReferences(file, readFileSync(join(root, file), 'utf8'))
      .filter(({ specifier }) => specifier.startsWith('.'))
      .map(({ specifier, typeOnly }) => ({ from: file, typeOnly, ...resolveRelative(root, file, specifier) })),
  );
}

export interface ModuleReference {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** import/export … from, import x = require(), require(), import(), jest.mock() and type-position import('…'). */
export function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const references: ModuleReference[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) references.push({ specifier: specifier.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importIsTypeOnly(node.importClause));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly || allTypeOnly(node.exportClause));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && namesModule(node)) add(node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return references;
}

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  return !clause.name && clause.namedBindings !== undefined && allTypeOnly(clause.namedBindings);
}

/** `{ type A, type B }`: every element marked `type`, so the whole statement is erased. */
function allTypeOnly(bindings: ts.NamedImportBindings | ts.NamedExportBindings | undefined): boolean {
  if (!bindings || (!ts.isNamedImports(bindings) && !ts.isNamedExports(bindings))) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function namesModule(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'jest' && JEST_MODULE_CALLS.has(callee.name.text);
}

function resolveRelative(root: string, from: string, specifier: string): { to: string; resolved: boolean } {
  const named = posix.normalize(posix.join(posix.dirname(from), specifier));
  const bases = named.endsWith('.js') ? [named.slice(0, -3), named] : [named];
  for (const base of bases) {
    for (const suffix of RESOLUTION_SUFFIXES) {
      const candidate = base + suffix;
      if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) return { to: candidate, resolved: true };
    }
  }
  return { to: named, resolved: false };
}
