// Self-service (seed 002): the service catalog's request items, each raised through its guide when
// it has one (a question at a time, as the API walks the guide's machine), the public SLA and
// service catalog documents, and searching the published articles.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from './api';
import { t } from './i18n';
import { type GuideAnswers, NewTicket } from './new-ticket';
import { Failure, SearchForm, Waiting } from './parts';

type Item = Schemas['RequestItemView'];

export function Catalog() {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.GET('/catalog/items').then(({ data, error }) => (setItems(data ?? null), setError(data ? null : describeError(error)))), []);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('catalog')}</h1>
      <p>
        <a href="#/documents/catalog">{t('catalogDocument')}</a> · <a href="#/documents/sla">{t('slaDocument')}</a> · <a href="#/articles">{t('articles')}</a> ·{' '}
        <a href="#/new">{t('somethingElse')}</a>
      </p>
      <Failure error={error} />
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((item) => (
          <li class="card">
            <h2>
              <a href={`#/catalog/${item.id}`}>{item.name}</a>
            </h2>
            <p>{item.description}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}

/** An item: its guide first (if it has one), then the form; a guide may end without a ticket. */
export function CatalogItemPage({ id }: { id: string }) {
  const [item, setItem] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [guided, setGuided] = useState<GuideAnswers | null>(null);
  useEffect(() => void api.GET('/catalog/items/{id}', { params: { path: { id } } }).then(({ data, error }) => (setItem(data ?? null), setError(data ? null : describeError(error)))), [id]);
  if (!item) return <Waiting error={error} />;
  if (item.guide && !guided) return <Guide item={item} onCreate={setGuided} />;
  return <NewTicket item={item} guideAnswers={guided ?? undefined} />;
}

function Guide({ item, onCreate }: { item: Item; onCreate: (answers: GuideAnswers) => void }) {
  const [answers, setAnswers] = useState<GuideAnswers>([]);
  const [run, setRun] = useState<Schemas['GuideRunView'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.POST('/catalog/items/{id}/guide', { params: { path: { id: item.id } }, body: { answers } }).then(({ data, error }) => {
      setRun(data ?? null);
      setError(data ? null : describeError(error));
    });
  }, [answers]);
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{item.name}</h1>
      {run && run.path.length > 0 && (
        <ol class="guide-path">
          {run.path.map((entry) => (
            <li>
              {entry.question} <strong>{entry.label}</strong>
            </li>
          ))}
        </ol>
      )}
      <Failure error={error} />
      {!run && !error && <p>{t('loading')}</p>}
      {run?.step && (
        <fieldset class="guide-step" data-testid="guide-step">
          <legend>{run.step.text}</legend>
          {run.step.options.map((option) => (
            <button type="button" class="secondary" onClick={() => setAnswers([...answers, { step: run.step!.id, value: option.value }])}>
              {option.label}
            </button>
          ))}
        </fieldset>
      )}
      {run?.outcome && (
        <section class="guide-outcome" aria-live="polite" data-testid="guide-outcome">
          <p>{run.outcome.text}</p>
          {run.outcome.redirect && (
            <p>
              {t('goInstead')}: {run.outcome.redirect}
            </p>
          )}
          {run.status === 'create' ? (
            <button type="button" onClick={() => onCreate(answers)}>
              {t('continueToForm')}
            </button>
          ) : (
            <p>
              <a href="#/catalog">{t('backToCatalog')}</a>
            </p>
          )}
        </section>
      )}
      {answers.length > 0 && (
        <p>
          <button type="button" class="link" onClick={() => setAnswers(answers.slice(0, -1))}>
            {t('previousQuestion')}
          </button>
        </p>
      )}
    </main>
  );
}

/** The public SLA or service catalog document: an article an admin marked as it. */
export function DocumentPage({ mark }: { mark: 'sla' | 'catalog' }) {
  const [article, setArticle] = useState<Schemas['ArticleView'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.GET('/documents/{mark}', { params: { path: { mark } } }).then(({ data, error }) => (setArticle(data ?? null), setError(data ? null : describeError(error)))), [mark]);
  if (!article) return <Waiting error={error} />;
  return <ArticleBody article={article} />;
}

export function ArticleSearch() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Schemas['ArticleHit'][] | null>(null);
  useEffect(() => void api.GET('/articles', { params: { query: q ? { q } : {} } }).then(({ data }) => setHits(data ?? [])), [q]);
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('articles')}</h1>
      <SearchForm onSearch={setQ} />
      {!hits ? <p>{t('loading')}</p> : hits.length === 0 ? <p>{t('noArticles')}</p> : null}
      <ul class="hits">
        {hits?.map((hit) => (
          <li>
            <a href={`#/articles/${hit.id}`}>{hit.title}</a>
            {/* The API escapes the passage and marks the words found: safe to show as HTML. */}
            <p class="hint" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
          </li>
        ))}
      </ul>
    </main>
  );
}

export function ArticlePage({ id }: { id: string }) {
  const [article, setArticle] = useState<Schemas['ArticleView'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thanked, setThanked] = useState(false);
  useEffect(() => void api.GET('/articles/{id}', { params: { path: { id } } }).then(({ data, error }) => (setArticle(data ?? null), setError(data ? null : describeError(error)))), [id]);
  if (!article) return <Waiting error={error} />;
  const solved = async () => {
    const { error } = await api.POST('/articles/{id}/solved', { params: { path: { id } } });
    if (error) setError(describeError(error));
    else setThanked(true);
  };
  return (
    <ArticleBody article={article}>
      {thanked ? (
        <p role="status">{t('gladItHelped')}</p>
      ) : (
        <button type="button" class="secondary" onClick={solved}>
          {t('thisSolvedIt')}
        </button>
      )}
    </ArticleBody>
  );
}

function ArticleBody({ article, children }: { article: Schemas['ArticleView']; children?: preact.ComponentChildren }) {
  return (
    <main id="main" tabIndex={-1} class="narrow">
      <h1>{article.title}</h1>
      {/* Markdown rendered and sanitised by the API (src/knowledge/markdown.ts). */}
      <article class="article" dangerouslySetInnerHTML={{ __html: article.html }} />
      <p class="hint">
        {article.id} · {new Date(article.updatedAt).toLocaleDateString()}
      </p>
      {children}
    </main>
  );
}
