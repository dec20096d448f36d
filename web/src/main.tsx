// The portal and console: one page application over the REST API. Hash routes (#/, #/new,
// #/tickets/INC-000001) so the server serves one index.html and the API keeps its own 404s.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Me, useCsrfToken } from './api';
import { switchLanguage, t } from './i18n';
import { TicketList, TicketPage } from './tickets';
import { NewTicket } from './new-ticket';
import { ArticlePage, ArticleSearch, Catalog, CatalogItemPage, DocumentPage } from './catalog';
import { Overview } from './overview';
import { Statistics } from './statistics';
import { Administration, AdminList, MyAbsences } from './admin';
import { MajorIncidentList, MajorIncidentPage } from './major-incidents';
import { CsiAgenda, CsiNew, CsiProposalPage, CsiRegister } from './csi';
import { ChangeList, ChangePage, ProblemList, ProblemPage } from './problems-changes';

function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const onChange = () => setRoute(location.hash.slice(1) || '/');
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const { data, error } = await api.POST('/auth/sign-in', { body: { username: String(form.get('username')), password: String(form.get('password')) } });
    if (!data) return setError(describeError(error));
    useCsrfToken(data.csrfToken);
    onSignedIn(data.user);
  };
  return (
    <main id="main" class="narrow">
      <h1>{t('signIn')}</h1>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label>
          {t('username')}
          <input name="username" autocomplete="username" required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p id="sign-in-error" role="alert" class="error">
            {t('signInFailed')}: {error}
          </p>
        )}
        <button type="submit">{t('signIn')}</button>
      </form>
    </main>
  );
}

/** The page for a hash route; anything else is the user's ticket list. */
function Page({ route, me }: { route: string; me: Me }) {
  const ticket = route.match(/^\/tickets\/([A-Z]+-\d+)$/);
  const proposal = route.match(/^\/csi\/(CSI-\d+)$/);
  if (route === '/new') return <NewTicket />;
  if (ticket) return <TicketPage number={ticket[1]} me={me} />;
  const item = route.match(/^\/catalog\/([0-9a-f-]{36})$/);
  const article = route.match(/^\/articles\/(KB-\d+)$/);
  const documentMark = route.match(/^\/documents\/(sla|catalog)$/);
  if (route === '/catalog') return <Catalog />;
  if (item) return <CatalogItemPage id={item[1]} />;
  if (route === '/articles') return <ArticleSearch />;
  if (article) return <ArticlePage id={article[1]} />;
  if (documentMark) return <DocumentPage mark={documentMark[1] as 'sla' | 'catalog'} />;
  const majorIncident = route.match(/^\/major-incidents\/(MI-\d+)$/);
  if (route === '/major-incidents') return <MajorIncidentList />;
  if (majorIncident) return <MajorIncidentPage number={majorIncident[1]} />;
  if (route === '/admin') return <Administration />;
  if (route.startsWith('/admin/')) return <AdminList path={route.slice('/admin'.length)} />;
  if (route === '/absences') return <MyAbsences />;
  if (route === '/overview') return <Overview me={me} />;
  if (route === '/statistics') return <Statistics />;
  const problem = route.match(/^\/problems\/(PRB-\d+)$/);
  const change = route.match(/^\/changes\/(CHG-\d+)$/);
  if (route === '/problems') return <ProblemList me={me} />;
  if (problem) return <ProblemPage number={problem[1]} />;
  if (route === '/changes') return <ChangeList me={me} />;
  if (change) return <ChangePage number={change[1]} />;
  if (route === '/csi') return <CsiRegister />;
  if (route === '/csi/new') return <CsiNew />;
  if (route === '/csi/agenda') return <CsiAgenda />;
  if (proposal) return <CsiProposalPage number={proposal[1]} me={me} />;
  return <TicketList me={me} />;
}

function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [, rerender] = useState(0);
  useEffect(() => {
    void api.GET('/auth/session').then(({ data }) => {
      useCsrfToken(data?.csrfToken ?? null);
      setMe(data?.user ?? null);
    });
  }, []);
  const signOut = async () => {
    await api.POST('/auth/sign-out');
    useCsrfToken(null);
    setMe(null);
    location.hash = '#/';
  };
  const header = (
    <header>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <a href="#/" class="brand">
        {t('appName')}
      </a>
      <nav aria-label="main">
        {me && <a href="#/">{t('tickets')}</a>}
        {me && <a href="#/catalog">{t('newTicket')}</a>}
        {me && <a href="#/articles">{t('articles')}</a>}
        {me?.permissions.includes('overview') && <a href="#/overview">{t('overview')}</a>}
        {me?.permissions.includes('overview') && <a href="#/statistics">{t('statistics')}</a>}
        {me?.permissions.includes('overview') && <a href="#/major-incidents">{t('majorIncidents')}</a>}
        {me?.permissions.includes('itStaff') && <a href="#/problems">{t('problems')}</a>}
        {me?.permissions.includes('overview') && <a href="#/changes">{t('changes')}</a>}
        {me && <a href="#/csi">{t('proposals')}</a>}
        {me?.permissions.includes('staff') && <a href="#/absences">{t('myAbsences')}</a>}
        {me?.permissions.includes('admin') && <a href="#/admin">{t('administration')}</a>}
        <button type="button" class="link" onClick={() => (switchLanguage(), rerender((n) => n + 1))}>
          {t('language')}
        </button>
        {me && (
          <span class="who">
            {me.displayName}{' '}
            <button type="button" class="link" onClick={signOut}>
              {t('signOut')}
            </button>
          </span>
        )}
      </nav>
    </header>
  );
  if (me === undefined) return <>{header}<main id="main"><p>{t('loading')}</p></main></>;
  if (me === null) return <>{header}<SignIn onSignedIn={setMe} /></>;
  return (
    <>
      {header}
      <Page route={route} me={me} />
    </>
  );
}

render(<App />, document.getElementById('app')!);
