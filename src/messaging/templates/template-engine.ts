import Handlebars from 'handlebars';
// `hbs` (the AST types) is a global namespace of Handlebars' typings.
import { TEMPLATE_HELPERS, TEMPLATE_LISTS, TEMPLATE_VARIABLES } from './template-variables';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

const SCALARS = new Set(TEMPLATE_VARIABLES.map((v) => v.path));
const LISTS = new Map(TEMPLATE_LISTS.map((l) => [l.path, new Set(l.fields.map((f) => f.path))]));
const LOOP_DATA = new Set(['@index', '@first', '@last']);
/** Zone names are short identifiers: they become form fields in an agent's send dialog. */
const ZONE_NAME = /^[a-z][a-zA-Z0-9]{0,31}$/;

/** Scopes from the outermost (the render context) to the innermost `#each` item. */
type Scope = { kind: 'root' } | { kind: 'item'; list: string; fields: Set<string> };

/**
 * Every problem of a template's source, empty when it may be saved: syntax, unknown
 * variables (with the closest known ones), helpers other than `if`/`unless`/`each`/`zone`,
 * and locked blocks (`{{> name}}`) that do not exist.
 */
export function checkTemplateSource(source: string, legalBlocks: ReadonlySet<string>): string[] {
  let program: Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [`syntax error: ${(error as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  const walk = (node: Node | undefined, scopes: Scope[]): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const statement of (node as Program).body) walk(statement, scopes);
        return;
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression') {
          problems.push(`a literal cannot be printed: ${describe(m.path)}`);
          return;
        }
        const path = m.path as hbs.AST.PathExpression;
        if (m.params.length === 0 && Object.keys(m.hash?.pairs ?? {}).length === 0) {
          if (path.original !== 'statement') checkPath(path, scopes, problems);
          return;
        }
        if (path.original === 'zone') return checkZone(m.params, problems);
        problems.push(`unknown helper "${path.original}" (allowed: ${Object.keys(TEMPLATE_HELPERS).join(', ')}, if, unless, each)`);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const helper = b.path.original;
        const [subject, ...rest] = b.params;
        if (!['if', 'unless', 'each'].includes(helper)) {
          problems.push(`unknown block helper "#${helper}" (allowed: if, unless, each)`);
          return;
        }
        if (!subject || rest.length > 0 || subject.type !== 'PathExpression') {
          problems.push(`#${helper} takes one variable`);
          return;
        }
        const path = subject as hbs.AST.PathExpression;
        if (helper === 'each') {
          const fields = LISTS.get(path.original);
          if (!fields) problems.push(`#each needs a list (${[...LISTS.keys()].join(', ')}), not "${path.original}"`);
          walk(b.program, fields ? [...scopes, { kind: 'item', list: path.original, fields }] : scopes);
        } else {
          if (!LISTS.has(path.original)) checkPath(path, scopes, problems);
          walk(b.program, scopes);
        }
        walk(b.inverse, scopes);
        return;
      }
      case 'PartialStatement': {
        const p = node as hbs.AST.PartialStatement;
        const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : undefined;
        if (!name || !legalBlocks.has(name))
          problems.push(`unknown legal block "${name ?? describe(p.name)}" (known: ${[...legalBlocks].join(', ')})`);
        else if (p.params.length > 0) problems.push(`legal block "${name}" takes no parameters`);
        return;
      }
      default:
        problems.push(`unsupported template construct: ${node.type}`);
    }
  };
  walk(program, [{ kind: 'root' }]);
  return [...new Set(problems)];
}

function checkPath(path: hbs.AST.PathExpression, scopes: Scope[], problems: string[]): void {
  const scope = scopes[Math.max(0, scopes.length - 1 - path.depth)];
  if (path.data) {
    if (scope.kind !== 'item' || !LOOP_DATA.has(path.original)) problems.push(`unknown variable "${path.original}"`);
    return;
  }
  const name = path.parts.join('.');
  const known = scope.kind === 'item' ? scope.fields.has(name) : SCALARS.has(name);
  if (!known) {
    const candidates = scope.kind === 'item' ? [...scope.fields].map((f) => `${f} (in ${scope.list})`) : [...SCALARS];
    const scored = candidates.map((c) => ({ c, d: distance(name, c.split(' ')[0]) })).filter((x) => x.d <= 2);
    const best = Math.min(...scored.map((x) => x.d));
    const near = scored
      .filter((x) => x.d === best)
      .map((x) => x.c)
      .slice(0, 3);
    problems.push(`unknown variable "${path.original}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''}`);
  }
}

function checkZone(params: hbs.AST.Expression[], problems: string[]): void {
  const [name] = params;
  if (params.length !== 1 || name.type !== 'StringLiteral' || !ZONE_NAME.test((name as hbs.AST.StringLiteral).value)) {
    problems.push('zone takes one name in quotes, e.g. {{zone "note"}}');
  }
}

function describe(node: Node): string {
  const { original } = node as unknown as { original?: unknown };
  return original !== undefined ? String(original) : node.type;
}

/** 0 for the same last segment ("balance" for "balance.total"), else the edit distance: enough to catch "tenant.fistName". */
function distance(wrong: string, known: string): number {
  if (wrong.split('.').pop() === known.split('.').pop()) return 0;
  const a = wrong.toLowerCase();
  const b = known.toLowerCase();
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The legal block names a source includes: an edit must keep those of the shipped template. */
export function legalBlocksUsed(source: string): Set<string> {
  const used = new Set<string>();
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') (node as Program).body.forEach(visit);
    if (node.type === 'PartialStatement') {
      const name = (node as hbs.AST.PartialStatement).name;
      if (name.type === 'PathExpression') used.add((name as hbs.AST.PathExpression).original);
    }
    if (node.type === 'BlockStatement') {
      visit((node as hbs.AST.BlockStatement).program);
      visit((node as hbs.AST.BlockStatement).inverse);
    }
  };
  visit(Handlebars.parse(source));
  return used;
}

/** The zone names a source prints (`{{zone "note"}}`), wherever they are (inside `#if` and `#each` too). */
export function zonesUsed(source: string): Set<string> {
  const used = new Set<string>();
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') (node as Program).body.forEach(visit);
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const [name] = m.params;
      if (m.path.type === 'PathExpression' && (m.path as hbs.AST.PathExpression).original === 'zone' && name?.type === 'StringLiteral') {
        used.add((name as hbs.AST.StringLiteral).value);
      }
    }
    if (node.type === 'BlockStatement') {
      visit((node as hbs.AST.BlockStatement).program);
      visit((node as hbs.AST.BlockStatement).inverse);
    }
  };
  visit(Handlebars.parse(source));
  return used;
}

/**
 * Renders a checked source. Strict: a variable missing from the context throws rather
 * than printing nothing. Plain text out (no HTML escaping): SMS, e-mail text and PDF
 * paragraphs are not HTML.
 */
export function renderTemplateSource(
  source: string,
  context: object,
  options: { legalBlocks: Record<string, string>; zones?: Record<string, string>; statement?: string },
): string {
  const env = Handlebars.create();
  // ignoreStandalone: a block alone on its line keeps the blank line around it (paragraphs).
  const compileOptions = { strict: true, noEscape: true, ignoreStandalone: true } as const;
  for (const [name, text] of Object.entries(options.legalBlocks)) env.registerPartial(name, env.compile(text, compileOptions));
  env.registerHelper('zone', (name: string) => options.zones?.[name] ?? '');
  env.registerHelper('statement', () => options.statement ?? '');
  const rendered = env.compile(source, compileOptions)(context);
  // An empty zone leaves blank lines behind; letters keep at most one blank line in a row.
  return rendered
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
