// A dispatcher's action on a selection of the queue (issue 15, item 3; issue 14, "assign from the
// queue"): one command for every selected ticket, carried out by a workflow. The form is the POST
// /bulk-actions operation's, from the OpenAPI document; each ticket's machine judges the command as
// if it were sent alone, and the page shows each ticket's outcome as the workflow reports it.
import { useEffect, useState } from 'preact/hooks';
import { actionKey, api, describeError, send, type Schemas } from './api';
import { FieldInput } from './commands';
import { t } from './i18n';
import { operationForm, submitted, type CommandForm } from './operations';

type BulkAction = Schemas['BulkActionViewDto'];

export function BulkActionPanel({ selected, teamId, onDone }: { selected: string[]; teamId: string | null; onDone: () => void }) {
  const [form, setForm] = useState<CommandForm | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [action, setAction] = useState<BulkAction | null>(null);
  const [key, setKey] = useState(actionKey);
  useEffect(() => void operationForm('post', '/bulk-actions').then(setForm), []);
  useEffect(() => {
    if (!action || action.finished) return;
    const timer = setTimeout(async () => {
      const { data } = await api.GET('/bulk-actions/{id}', { params: { path: { id: action.id } } });
      if (data) setAction(data);
      if (data?.finished) onDone();
    }, 1000);
    return () => clearTimeout(timer);
  }, [action]);
  if (!form) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const built = submitted(form, '', event, { numbers: selected.join('\n') });
    if ('error' in built) return setRefusal(built.error);
    const answer = await send(form.method, built.path, built.body, key);
    setKey(actionKey());
    if (!answer.ok) return setRefusal(describeError(answer.body));
    setRefusal(null);
    setAction(answer.body as BulkAction);
  };
  return (
    <section aria-labelledby="bulk-heading" class="bulk">
      <h2 id="bulk-heading">
        {t('withSelected')} ({selected.length})
      </h2>
      <form class="action" onSubmit={submit} aria-label={form.summary}>
        <p class="summary">{form.summary}</p>
        {form.fields
          .filter((field) => field.name !== 'numbers')
          .map((field) => (
            <FieldInput field={field} teamId={teamId} />
          ))}
        {refusal && (
          <p role="alert" class="error">
            {t('refused')}: {refusal}
          </p>
        )}
        <button type="submit" disabled={selected.length === 0}>
          {t('send')}
        </button>
      </form>
      {action && <Outcomes action={action} words="outcome" testId="bulk" />}
    </section>
  );
}

/** Each ticket's outcome of a bulk action or a cascade, as the workflow has reported so far; `words` picks how outcomes are worded. */
export function Outcomes({ action, words, testId }: { action: BulkAction; words: 'outcome' | 'cascade'; testId: string }) {
  return (
    <div role="status">
      <p data-testid={`${testId}-progress`}>
        {action.id}: {action.handled} / {action.total} {action.finished ? '' : `(${t('running')})`}
      </p>
      <ul data-testid={`${testId}-outcomes`}>
        {action.items.map((item) => (
          <li>
            <a href={`#/tickets/${item.number}`}>{item.number}</a>: {item.outcome ? t(`${words}_${item.outcome}`) : '…'}
            {item.reason ? ` (${item.reason})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
