// Administration (issue 14 item 3): the configuration an admin keeps (teams, organisations,
// categories, catalog items, SLA policies, priority matrices) listed from the API, each with a
// form for a new one built from its POST route's schema, as the command forms are; and a member of
// staff's own absences. Nested parts (a request item's form and guide, a policy's targets) are JSON,
// checked by the API, which names the failing field.
import { useEffect, useState } from 'preact/hooks';
import { actionKey, api, describeError, send, type Schemas } from './api';
import { FieldInput } from './commands';
import { t } from './i18n';
import { operationForm, submitted, type CommandForm } from './operations';
import { type Column, Table, when } from './parts';

type Row = Record<string, unknown>;

/** The lists an admin keeps, by their routes (GET lists them, POST adds one, PATCH on one edits it). */
const SECTIONS = [
  { path: '/teams', title: 'teams', editable: true },
  { path: '/organisations', title: 'organisations', editable: true },
  { path: '/categories', title: 'categories', editable: true },
  { path: '/catalog/items', title: 'catalogItems', editable: true },
  // A policy or a matrix changes by publishing its next version, not by editing one.
  { path: '/sla/policies', title: 'slaPolicies', editable: false },
  { path: '/sla/priority-matrices', title: 'priorityMatrices', editable: false },
  { path: '/webhooks', title: 'webhooks', editable: true },
] as const;

export function Administration() {
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('administration')}</h1>
      <nav aria-label={t('administration')} class="filters">
        {SECTIONS.map((s) => (
          <a href={`#/admin${s.path}`}>{t(s.title)}</a>
        ))}
      </nav>
    </main>
  );
}

export function AdminList({ path }: { path: string }) {
  const section = SECTIONS.find((s) => s.path === path);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const load = async () => {
    const response = await fetch(path, { credentials: 'same-origin' });
    const body = (await response.json()) as unknown;
    if (!response.ok) return setError(describeError(body));
    setRows(Array.isArray(body) ? (body as Row[]) : ((body as { items?: Row[] }).items ?? []));
  };
  useEffect(() => void load(), [path]);
  if (!section) return <main id="main"><p role="alert" class="error">{path}</p></main>;
  return (
    <main id="main" tabIndex={-1}>
      <p>
        <a href="#/admin">{t('administration')}</a>
      </p>
      <h1>{t(section.title)}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {rows && <RowTable rows={rows} onEdit={section.editable ? setEditing : undefined} />}
      {editing && <EditForm path={path} row={editing} onSaved={() => void load()} onClose={() => (setEditing(null), void load())} />}
      <OperationForm method="post" path={path} title={t('addNew')} onDone={() => void load()} />
      {path === '/sla/policies' && <PolicyChanges onApplied={() => void load()} />}
    </main>
  );
}

/** A row's key in its routes: an id, or a code (an organisation). */
const keyOf = (row: Row): { name: 'id' | 'code'; value: string } => (typeof row.id === 'string' ? { name: 'id', value: row.id } : { name: 'code', value: String(row.code) });

/** The scalar columns of the rows (lists shown as their length), at most six; each row can be edited. */
function RowTable({ rows, onEdit }: { rows: Row[]; onEdit?: (row: Row) => void }) {
  if (rows.length === 0) return <p>-</p>;
  const columns = Object.keys(rows[0]).filter((k) => k !== 'id' && typeof rows[0][k] !== 'object').slice(0, 5);
  const lists = Object.keys(rows[0]).filter((k) => Array.isArray(rows[0][k])).slice(0, 1);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {[...columns, ...lists].map((c) => (
              <th scope="col">{c}</th>
            ))}
            {onEdit && (
              <th scope="col">
                <span class="visually-hidden">{t('edit')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) => (
                <td>{String(row[c] ?? '')}</td>
              ))}
              {lists.map((c) => (
                <td>{(row[c] as unknown[]).length}</td>
              ))}
              {onEdit && (
                <td>
                <button type="button" class="link" onClick={() => onEdit(row)} aria-label={`${t('edit')} ${String(row.name ?? row.code ?? row.url ?? keyOf(row).value)}`}>
                  {t('edit')}
                </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A row's PATCH operation as a form (its route from the OpenAPI document, the row's key fixed):
 * only the fields filled in are sent, the rest stay as they are; saved, it closes. A team's row
 * also has its membership forms, which stay open for the next member.
 */
function EditForm({ path, row, onSaved, onClose }: { path: string; row: Row; onSaved: () => void; onClose: () => void }) {
  const key = keyOf(row);
  const name = String(row.name ?? row.code ?? row.url ?? key.value);
  const fixed = { [key.name]: key.value };
  return (
    <>
      <OperationForm method="patch" path={`${path}/{${key.name}}`} title={`${t('edit')}: ${name}`} onDone={onClose} fixed={fixed} />
      {path === '/teams' && (
        <>
          <OperationForm method="put" path="/teams/{id}/members/{userId}" title={`${t('addMember')}: ${name}`} onDone={onSaved} fixed={fixed} />
          <OperationForm method="delete" path="/teams/{id}/members/{userId}" title={`${t('removeMember')}: ${name}`} onDone={onSaved} fixed={fixed} />
        </>
      )}
    </>
  );
}

/**
 * Any write operation as a form from its OpenAPI schema; the API's refusal shown as it names it.
 * An answer that carries a secret (a webhook's signing secret) shows it, as the API shows it once.
 * `fixed` fields are not asked: the page knows them (the proposal a replay is evidence for).
 */
export function OperationForm({ method, path, title, onDone, fixed = {} }: { method: string; path: string; title: string; onDone: (answer: unknown) => void; fixed?: Record<string, string> }) {
  const [form, setForm] = useState<CommandForm | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [key, setKey] = useState(actionKey);
  useEffect(() => void operationForm(method, path).then(setForm), [method, path]);
  if (!form) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const built = submitted(form, '', event, fixed);
    if ('error' in built) return setMessage({ ok: false, text: built.error });
    const answer = await send(form.method, built.path, built.body, key);
    setKey(actionKey());
    const secret = (answer.body as { secret?: unknown } | null)?.secret;
    const saved = typeof secret === 'string' ? `${t('saved')} ${t('secretOnce')}: ${secret}` : t('saved');
    setMessage(answer.ok ? { ok: true, text: saved } : { ok: false, text: describeError(answer.body) });
    if (answer.ok) {
      (event.currentTarget as HTMLFormElement | null)?.reset();
      onDone(answer.body);
    }
  };
  return (
    <form class="action" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <p class="summary">{form.summary}</p>
      {form.fields
        .filter((field) => !(field.name in fixed))
        .map((field) => (
          <FieldInput field={field} teamId={null} />
        ))}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? '' : 'error'}>
          {message.ok ? message.text : `${t('refused')}: ${message.text}`}
        </p>
      )}
      <button type="submit">{t('send')}</button>
    </form>
  );
}

type Preview = Schemas['PolicyPreviewDto'];

/**
 * A policy change (issue 15, item 2): the preview lists the open tickets it would move, as the API
 * computed it from their recorded clocks; applying publishes it and recalculates them from a workflow.
 */
function PolicyChanges({ onApplied }: { onApplied: () => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [applied, setApplied] = useState<Schemas['PolicyChangeDto'] | null>(null);
  const moves = preview?.affected.flatMap((ticket) => (ticket.clocks.length ? ticket.clocks : [null]).map((clock) => ({ ticket, clock }))) ?? [];
  const columns: Column<(typeof moves)[number]>[] = [
    [t('number'), (m) => <a href={`#/tickets/${m.ticket.number}`}>{m.ticket.number}</a>],
    [t('clock'), (m) => m.clock?.clock ?? m.ticket.refusal],
    [t('deadlineMove'), (m) => (m.clock ? `${when(m.clock.deadlineBefore, '-')} → ${when(m.clock.deadlineAfter, '-')}` : '')],
    [t('breachMove'), (m) => (m.clock ? `${m.clock.breachedBefore} → ${m.clock.breachedAfter}` : '')],
  ];
  return (
    <>
      <OperationForm method="post" path="/sla/policy-changes/preview" title={t('policyChangePreview')} onDone={(body) => setPreview(body as Preview)} />
      {preview && (
        <section data-testid="policy-preview">
          <h2>
            {t('affectedTickets')}: {preview.affected.length} / {preview.openTickets} ({preview.policy.code} v{preview.policy.version})
          </h2>
          <Table columns={columns} rows={moves} />
        </section>
      )}
      <OperationForm method="post" path="/sla/policy-changes" title={t('policyChangeApply')} onDone={(body) => (setApplied(body as Schemas['PolicyChangeDto']), onApplied())} />
      {applied && <p role="status">{`${applied.policy.code} v${applied.policy.version}: ${applied.recalculation.id} (${applied.recalculation.total})`}</p>}
    </>
  );
}

/** A member of staff's own out-of-office periods and auto-reply. */
export function MyAbsences() {
  const [absences, setAbsences] = useState<Array<{ id: string; startsAt: string; endsAt: string; autoReply: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => void api.GET('/me/absences').then(({ data, error }) => (setAbsences(data ?? null), setError(data ? null : describeError(error))));
  useEffect(load, []);
  const remove = async (id: string) => {
    const { error } = await api.DELETE('/me/absences/{id}', { params: { path: { id } } });
    if (error) setError(describeError(error));
    load();
  };
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('myAbsences')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {absences && absences.length === 0 && <p>-</p>}
      <ul data-testid="absences">
        {absences?.map((a) => (
          <li>
            {new Date(a.startsAt).toLocaleString()} – {new Date(a.endsAt).toLocaleString()}: {a.autoReply}{' '}
            <button type="button" class="link" onClick={() => void remove(a.id)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <OperationForm method="put" path="/me/absences" title={t('setAbsence')} onDone={load} />
    </main>
  );
}
