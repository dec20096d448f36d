// The actions of a ticket page: one per command the API allows the caller now, each with the form
// its route's request body asks for (from the OpenAPI document). A refusal shows the machine's
// message and the rule or field it names.
import { useEffect, useState } from 'preact/hooks';
import { actionKey, api, describeError, send, type Schemas } from './api';
import { currentLanguage, t } from './i18n';
import { commandForm, submitted, type CommandForm, type Field } from './operations';

interface Props<V> {
  /** The process's route, e.g. `/tickets/{number}` or `/csi/proposals/{number}`. */
  base: string;
  number: string;
  allowed: string[];
  teamId: string | null;
  /** The version the page shows: each form sends the one it was opened on. */
  version: number;
  onDone: (view: V) => void;
  /** Reloads the page's process after a refusal for staleness; answers the version it shows now. */
  onStale: () => Promise<number | undefined>;
}

export function CommandPanel<V>({ base, number, allowed, teamId, version, onDone, onStale }: Props<V>) {
  const [forms, setForms] = useState<CommandForm[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    void Promise.all(allowed.map((command) => commandForm(base, command))).then((found) => setForms(found.filter((f): f is CommandForm => f !== null)));
  }, [allowed.join(',')]);
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions')}</h2>
      {forms.length === 0 && <p>{t('noActions')}</p>}
      <div class="actions">
        {forms.map((form) => (
          <button type="button" data-command={form.command} aria-expanded={open === form.command} onClick={() => setOpen(open === form.command ? null : form.command)}>
            {buttonText(form)}
          </button>
        ))}
      </div>
      {forms
        .filter((form) => form.command === open)
        .map((form) => (
          <ActionForm<V>
            key={form.command}
            form={form}
            number={number}
            teamId={teamId}
            version={version}
            onStale={onStale}
            onDone={(view) => {
              setOpen(null);
              onDone(view);
            }}
            onCancel={() => setOpen(null)}
          />
        ))}
    </section>
  );
}

/** The API's label in the user's language; else the operation's summary up to its first clause. */
const buttonText = (form: CommandForm) => form.label?.[currentLanguage()] ?? form.summary.split(/[;(]/)[0];

interface FormProps<V> {
  form: CommandForm;
  number: string;
  teamId: string | null;
  version: number;
  onDone: (v: V) => void;
  onStale: () => Promise<number | undefined>;
  onCancel: () => void;
}

function ActionForm<V>({ form, number, teamId, version, onDone, onStale, onCancel }: FormProps<V>) {
  const [refusal, setRefusal] = useState<string | null>(null);
  // The ticket as it was when the user opened the form: if it changes before Send, the workflow
  // refuses (staleVersion), the page shows the ticket as it is now, and the user decides again.
  const [seen, setSeen] = useState(version);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double click or a retry after a lost answer is applied once; after a
  // refusal the user changes the form, and the changed request is a new attempt with a new key.
  const [key, setKey] = useState(actionKey);
  const submit = async (event: Event) => {
    event.preventDefault();
    const built = submitted(form, number, event);
    if ('error' in built) return setRefusal(built.error);
    const { path, body } = built;
    setBusy(true);
    const answer = await send(form.method, path, body, key, seen);
    setBusy(false);
    if (answer.ok) return onDone(answer.body as V);
    setRefusal(describeError(answer.body));
    setKey(actionKey());
    if ((answer.body as { rule?: string } | null)?.rule === 'staleVersion') setSeen((await onStale()) ?? seen);
  };
  return (
    <form class="action" data-command={form.command} onSubmit={submit} aria-label={form.summary}>
      <p class="summary">{form.summary}</p>
      {form.fields.map((field) => (
        <FieldInput field={field} teamId={teamId} />
      ))}
      {refusal && (
        <p role="alert" class="error">
          {t('refused')}: {refusal}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('send')}
      </button>{' '}
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}

/** A body property as words: teamId -> Team, effortEstimate -> Effort estimate. */
const fieldName = (name: string) => {
  const words = name.replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function FieldInput({ field, teamId }: { field: Field; teamId: string | null }) {
  const label = `${fieldName(field.name)}${field.required ? ' *' : ''}`;
  const hint = field.description ? <span class="hint">{field.description}</span> : null;
  if (field.lookup) return <LookupInput field={field} teamId={teamId} label={label} hint={hint} />;
  if (field.kind === 'choice' || field.kind === 'boolean') {
    const options = field.kind === 'boolean' ? ['true', 'false'] : field.options;
    return (
      <label>
        {label}
        {hint}
        <select name={field.name} required={field.required}>
          {!field.required && <option value="">{t('choose')}</option>}
          {options.map((o) => (
            <option value={o}>{o}</option>
          ))}
        </select>
      </label>
    );
  }
  if (field.kind === 'longText' || field.kind === 'list' || field.kind === 'map' || field.kind === 'json') {
    return (
      <label>
        {label}
        {hint}
        <textarea name={field.name} required={field.required} rows={4} maxLength={field.maxLength} />
      </label>
    );
  }
  return (
    <label>
      {label}
      {hint}
      {field.kind === 'number' ? (
        <input name={field.name} type="number" required={field.required} min={field.minimum} max={field.maximum} />
      ) : (
        <input name={field.name} type="text" required={field.required} maxLength={field.maxLength} />
      )}
    </label>
  );
}

/** A team, an agent or a category chosen by name (the API takes ids): agents are the ticket's team's members, absent ones marked. */
function LookupInput({ field, teamId, label, hint }: { field: Field; teamId: string | null; label: string; hint: preact.JSX.Element | null }) {
  const [teams, setTeams] = useState<Schemas['TeamView'][] | null>(null);
  const [categories, setCategories] = useState<Array<{ id: string; name: string }>>([]);
  const [staff, setStaff] = useState<Schemas['StaffMemberDto'][]>([]);
  const [absent, setAbsent] = useState<Schemas['AbsentMemberView'][]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (field.lookup === 'category') void api.GET('/categories').then(({ data, error }) => (data ? (setCategories(data), setTeams([])) : setError(describeError(error))));
    else if (field.lookup === 'staff') void api.GET('/staff').then(({ data, error }) => (data ? (setStaff(data), setTeams([])) : setError(describeError(error))));
    else void api.GET('/teams').then(({ data, error }) => (data ? setTeams(data) : setError(describeError(error))));
    // Who is away now: the API answers dispatchers (403 to others, who then see the names alone).
    if (field.lookup === 'member' && teamId) void api.GET('/teams/{id}/absences', { params: { path: { id: teamId }, query: {} } }).then(({ data }) => setAbsent(data ?? []));
  }, []);
  if (error || !teams) {
    return (
      <label>
        {label}
        {hint}
        <input name={field.name} required={field.required} />
      </label>
    );
  }
  const away = (id: string) => absent.find((a) => a.userId === id);
  const options =
    field.lookup === 'category'
      ? categories.map((category) => ({ value: category.id, text: category.name }))
      : field.lookup === 'staff'
        ? staff.map((member) => ({ value: member.id, text: `${member.displayName} (${member.role})` }))
      : field.lookup === 'team'
        ? teams.map((team) => ({ value: team.id, text: `${team.name} (${team.lineLevel})` }))
        : (teams.find((team) => team.id === teamId)?.members ?? []).map((m) => {
            const absence = away(m.id);
            return { value: m.id, text: absence ? `${m.displayName} (${t('absentUntil')} ${new Date(absence.endsAt).toLocaleString()})` : m.displayName };
          });
  return (
    <label>
      {label}
      {hint}
      <select name={field.name} required={field.required}>
        <option value="">{t('choose')}</option>
        {options.map((o) => (
          <option value={o.value}>{o.text}</option>
        ))}
      </select>
    </label>
  );
}
