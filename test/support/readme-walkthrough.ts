// The README's walk-through as a test reads it: the bash block, cut into statements, each with the
// output its comment promises ("… | json v.status   # InProgress", or a "# [ … ]" line below it).
export interface WalkthroughStep {
  command: string;
  /** What the comment says the command prints; `…` and `<…>` stand for anything. */
  expected?: string;
}

/** The first bash block under the heading (`## Walk-through`, `## Mail walk-through`). */
export function walkthroughBlock(readme: string, heading = '## Walk-through'): string {
  const at = readme.indexOf(heading);
  const block = at < 0 ? undefined : /```bash\n([\s\S]*?)\n```/.exec(readme.slice(at))?.[1];
  if (!block) throw new Error(`README: no bash block under "${heading}"`);
  return block;
}

export function walkthroughSteps(block: string): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  let pending = '';
  for (const line of block.split('\n')) {
    const text = pending + line;
    if (text.endsWith('\\')) {
      pending = `${text.slice(0, -1)} `;
      continue;
    }
    pending = '';
    const trimmed = text.trim();
    if (trimmed.startsWith('#')) {
      // A comment that is a value ([ … ] or { … }) right under a command is that command's output.
      const value = trimmed.slice(1).trim();
      const last = steps.at(-1);
      if (last && last.expected === undefined && /^[[{]/.test(value)) last.expected = value;
      continue;
    }
    if (!trimmed) continue;
    // A trailing comment is the promised output; '#' inside quotes is not a comment.
    const match = /^(.*?\S)\s+# (.+)$/.exec(text);
    steps.push(match && !insideQuotes(match[1]) ? { command: match[1], expected: match[2].trim() } : { command: text });
  }
  return steps;
}

function insideQuotes(text: string): boolean {
  const plain = text.replace(/\\./g, ''); // \" inside "…" is not a quote
  const count = (quote: string) => plain.split(quote).length - 1;
  return count("'") % 2 === 1 || count('"') % 2 === 1;
}

/** Collapses util.inspect's line breaks and indentation, as a comment writes the value on one line. */
export function oneLine(output: string): string {
  return output.replace(/\s+/g, ' ').trim();
}

/** The comment as a pattern: `…` and `<…>` match anything, the rest literally. */
export function promised(expected: string): RegExp {
  const parts = expected.split(/…|<[^>]*>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}
