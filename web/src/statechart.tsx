// The ticket's machine as a diagram with the ticket's status highlighted: the API draws it from
// the machine (as the README's diagrams are) and the browser renders the Mermaid text. The renderer
// is large, so it is a chunk loaded only when someone opens the diagram.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from './api';
import { t } from './i18n';

let renderer: Promise<typeof import('mermaid').default> | null = null;
const mermaid = () =>
  (renderer ??= import('mermaid').then(({ default: m }) => {
    m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    return m;
  }));

let drawn = 0;

export function Statechart({ number, status }: { number: string; status: string }) {
  const [open, setOpen] = useState(false);
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void (async () => {
      const { data, error } = await api.GET('/tickets/{number}/statechart', { params: { path: { number } } });
      if (!data) return live && setError(describeError(error));
      const { svg } = await (await mermaid()).render(`statechart-${(drawn += 1)}`, data.mermaid);
      if (live) setSvg(svg);
    })();
    return () => {
      live = false;
    };
  }, [open, number, status]);
  return (
    <section aria-labelledby="statechart-heading">
      <h2 id="statechart-heading">
        <button type="button" class="link" aria-expanded={open} aria-controls="statechart" onClick={() => setOpen(!open)}>
          {open ? t('hideStatechart') : t('showStatechart')}
        </button>
      </h2>
      {open && (
        <figure id="statechart" class="statechart">
          {error && <p role="alert" class="error">{error}</p>}
          {!svg && !error && <p>{t('loading')}</p>}
          {svg && <div data-testid="statechart" dangerouslySetInnerHTML={{ __html: svg }} />}
          <figcaption>
            {t('statechartCaption')} <strong>{status}</strong>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
