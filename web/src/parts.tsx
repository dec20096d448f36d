// Small pieces every page uses: an instant as the user's locale writes it, the page while it
// loads or after a failure, the search form of the lists, and a list of dated entries (a journal,
// a trail, a timeline).
import type { ComponentChildren } from 'preact';
import { t } from './i18n';

export const when = (iso: string | null | undefined, none = ''): string => (iso ? new Date(iso).toLocaleString() : none);

/** The page's main region while its data loads, or with the API's error. */
export function Waiting({ error }: { error?: string | null }) {
  return <main id="main">{error ? <p role="alert" class="error">{error}</p> : <p>{t('loading')}</p>}</main>;
}

export function Failure({ error }: { error: string | null }) {
  return error ? <p role="alert" class="error">{error}</p> : null;
}

/** A list's search: the words go to `onSearch` when submitted; `children` are further filters. */
export function SearchForm({ onSearch, children }: { onSearch: (q: string) => void; children?: ComponentChildren }) {
  return (
    <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), onSearch(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '')))}>
      {children}
      <label>
        {t('search')}
        <input name="q" type="search" />
      </label>
      <button type="submit">{t('search')}</button>
    </form>
  );
}

export interface Entry {
  at: string;
  text: string;
}

/** Dated entries, oldest first; `kind` is the style (public or internal). */
export function Entries({ entries, kind, testId }: { entries: Entry[]; kind: 'public' | 'internal'; testId?: string }) {
  return (
    <ol class="journal" data-testid={testId}>
      {entries.map((entry) => (
        <li class={`entry ${kind}`}>
          <p class="meta">
            <time dateTime={entry.at}>{when(entry.at)}</time>
          </p>
          <p class="text">{entry.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** A column: its heading and what a row shows in it. */
export type Column<T> = [heading: string, cell: (row: T) => ComponentChildren];

/**
 * A table of rows, scrolled sideways on a narrow screen; `rowClass` marks a row (breached, warned).
 * A wide table with nothing to focus in it (figures only) gives a `label`: its scrolling region is
 * then a named region the keyboard can reach (WCAG 2.1.1).
 */
export function Table<T>({ columns, rows, testId, rowClass, label }: { columns: Column<T>[]; rows: T[]; testId?: string; rowClass?: (row: T) => string; label?: string }) {
  return (
    <div class="table-wrap" {...(label ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map(([heading]) => (
              <th scope="col">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={rowClass?.(row) ?? ''}>
              {columns.map(([, cell]) => (
                <td>{cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One step of a governed process's decision trail (a CSI proposal, a problem, a change). */
export interface Decision {
  command: string;
  from: string;
  to: string;
  actorId: string;
  actorName: string | null;
  role: string;
  rationale: string | null;
  at: string;
}

/** The decision trail: who moved the process, from where to where, and why. */
export function Decisions({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return null;
  const columns: Column<Decision>[] = [
    [t('when'), (d) => when(d.at)],
    [t('decision'), (d) => d.command],
    [t('stage'), (d) => `${d.from} → ${d.to}`],
    [t('by'), (d) => `${d.actorName ?? d.actorId} (${d.role})`],
    [t('rationale'), (d) => d.rationale ?? ''],
  ];
  return (
    <section>
      <h2>{t('decisions')}</h2>
      <Table columns={columns} rows={decisions} />
    </section>
  );
}
