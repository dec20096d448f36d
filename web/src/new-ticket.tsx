// Raising a ticket: the plain form (impact and urgency in the user's words, article suggestions
// while typing the title), or a service catalog item's (its guide answered first, then its own
// fields, shown by their showWhen conditions, which are the item's data from the API).
import { useEffect, useState } from 'preact/hooks';
import { actionKey, api, describeError, type Schemas, type TicketView } from './api';
import { levelText, t } from './i18n';

type Item = Schemas['RequestItemView'];
type ItemField = Schemas['FormFieldDto'];
export type GuideAnswers = Schemas['GuideAnswerDto'][];

export function NewTicket({ item, guideAnswers }: { item?: Item; guideAnswers?: GuideAnswers }) {
  const [levels, setLevels] = useState<Schemas['IntakeLevelsDto'] | null>(null);
  const [suggestions, setSuggestions] = useState<Schemas['ArticleHit'][]>([]);
  const [error, setError] = useState<string | null>(null);
  // The item's answers so far: a field shows when its condition's answer is given.
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  // A new key after a refusal: the corrected form is a new attempt (a retry of the same one is not).
  const [key, setKey] = useState(actionKey);
  useEffect(() => {
    void api.GET('/tickets/intake-levels').then(({ data }) => setLevels(data ?? null));
  }, []);
  const suggest = async (title: string) => {
    if (title.trim().length < 4) return setSuggestions([]);
    const { data } = await api.GET('/articles/suggestions', { params: { query: { title } } });
    setSuggestions(data ?? []);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '');
    const { data, error } = await api.POST('/tickets', {
      headers: { 'Idempotency-Key': key },
      body: {
        type: value('type') as TicketView['type'],
        title: value('title'),
        description: value('description'),
        impact: value('impact'),
        urgency: value('urgency'),
        ...(item ? { requestItemId: item.id, answers: shown(item.form, answers), ...(guideAnswers ? { guideAnswers } : {}) } : {}),
      },
    });
    if (!data) {
      setKey(actionKey());
      return setError(describeError(error));
    }
    location.hash = `#/tickets/${data.number}`;
  };
  if (!levels) return <main id="main"><p>{t('loading')}</p></main>;
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{item ? item.name : t('newTicket')}</h1>
      {item?.description && <p>{item.description}</p>}
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('type')}</legend>
          <label class="inline">
            <input type="radio" name="type" value="incident" checked /> {t('incident')}
          </label>
          <label class="inline">
            <input type="radio" name="type" value="request" /> {t('serviceRequest')}
          </label>
        </fieldset>
        <label>
          {t('title')}
          <input name="title" required maxLength={200} onInput={(e) => void suggest((e.currentTarget as HTMLInputElement).value)} />
        </label>
        {suggestions.length > 0 && (
          <section aria-live="polite" class="suggestions">
            <h2>{t('articlesThatMayHelp')}</h2>
            <ul>
              {suggestions.map((hit) => (
                <li>
                  <a href={`#/articles/${hit.id}`}>{hit.title}</a> <span>{hit.snippet.replace(/<[^>]*>/g, '')}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <label>
          {t('description')}
          <textarea name="description" required rows={5} />
        </label>
        <LevelChoice name="impact" label={t('impact')} codes={levels.impact} />
        <LevelChoice name="urgency" label={t('urgency')} codes={levels.urgency} />
        {item?.form.map((field) => (shows(field, answers) ? <ItemFieldInput field={field} onChange={(v) => setAnswers({ ...answers, [field.key]: v })} /> : null))}
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">{t('create')}</button>
      </form>
    </main>
  );
}

function LevelChoice({ name, label, codes }: { name: string; label: string; codes: string[] }) {
  return (
    <label>
      {label}
      <select name={name} required>
        {codes.map((code) => (
          <option value={code}>{levelText(code)}</option>
        ))}
      </select>
    </label>
  );
}

const shows = (field: ItemField, answers: Record<string, unknown>) => !field.showWhen || answers[field.showWhen.field] === field.showWhen.equals;
/** Only the answers of fields that show: a hidden field's earlier answer is not sent. */
const shown = (form: ItemField[], answers: Record<string, unknown>) =>
  Object.fromEntries(form.filter((f) => shows(f, answers) && answers[f.key] !== undefined && answers[f.key] !== '').map((f) => [f.key, answers[f.key]]));

function ItemFieldInput({ field, onChange }: { field: ItemField; onChange: (value: unknown) => void }) {
  const label = `${field.label}${field.required ? ' *' : ''}`;
  const input = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  switch (field.type) {
    case 'yesNo':
      return (
        <fieldset>
          <legend>{label}</legend>
          <label class="inline">
            <input type="radio" name={field.key} required={field.required} onChange={() => onChange(true)} /> {t('yes')}
          </label>
          <label class="inline">
            <input type="radio" name={field.key} onChange={() => onChange(false)} /> {t('no')}
          </label>
        </fieldset>
      );
    case 'choice':
      return (
        <label>
          {label}
          <select name={field.key} required={field.required} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('choose')}</option>
            {(field.options ?? []).map((o) => (
              <option value={o}>{o}</option>
            ))}
          </select>
        </label>
      );
    case 'number':
      return (
        <label>
          {label}
          <input name={field.key} type="number" required={field.required} min={field.min} max={field.max} onInput={(e) => onChange(input(e) === '' ? undefined : Number(input(e)))} />
        </label>
      );
    case 'date':
      return (
        <label>
          {label}
          <input name={field.key} type="date" required={field.required} onInput={(e) => onChange(input(e))} />
        </label>
      );
    default:
      return (
        <label>
          {label}
          <input name={field.key} type="text" required={field.required} onInput={(e) => onChange(input(e))} />
        </label>
      );
  }
}
