// The knowledge base over HTTP (REQUIREMENTS 10, issue 13): an agent writes and publishes an
// article, an end user finds it by a misspelt word and says it solved the problem (deflection),
// versions and their differences, retirement, and the public SLA and catalog documents (seed 002).
import { startStack, TestStack } from '../support/app';

jest.setTimeout(120_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack('knowledge');
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

type User = Parameters<TestStack['as']>[0];
const post = (path: string, user: User, body: object = {}) => stack.http.post(path).set(stack.as(user)).send(body);
const get = (path: string, user: User) => stack.http.get(path).set(stack.as(user));
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

const DRIVER = {
  title: 'Printing from Windows 11: install the new printer driver',
  body: '## Symptom\nNothing prints from a new **Windows 11** PC.\n\n## Fix\nInstall the v2 driver from the software centre.\n\n<script>alert(1)</script>',
};

describe('an article from draft to retirement', () => {
  let id: string;

  it('is written as a draft nobody else finds, then published and made public', async () => {
    const draft = await post('/articles', 'tim', DRIVER).expect(201);
    id = draft.body.id;
    expect(draft.body).toMatchObject({ id: expect.stringMatching(/^KB-\d{6}$/), status: 'Draft', visibility: 'internal', version: 1, allowedCommands: ['edit', 'publish'] });
    // Markdown rendered, the script gone.
    expect(draft.body.html).toContain('<strong>Windows 11</strong>');
    expect(draft.body.html).not.toContain('<script');
    expect((await get(`/articles/${id}`, 'jannet')).status).toBe(404);
    expect(ids((await get('/articles?q=driver', 'jannet').expect(200)).body)).not.toContain(id);

    await post(`/articles/${id}/publish`, 'tim').expect(200);
    // Published but internal: IT staff only.
    expect(ids((await get('/articles?q=driver', 'sara').expect(200)).body)).toContain(id);
    expect((await get(`/articles/${id}`, 'jannet')).status).toBe(404);
    const publicVersion = await stack.http.patch(`/articles/${id}`).set(stack.as('tim')).send({ ...DRIVER, body: `${DRIVER.body}\n\nRestart the PC afterwards.`, visibility: 'public' }).expect(200);
    expect(publicVersion.body).toMatchObject({ status: 'Published', visibility: 'public', version: 2 });
  });

  it('is found by end users in English, in Danish, and by a misspelt word, with the words marked', async () => {
    const english = (await get(`/articles?q=${encodeURIComponent('printer driver')}`, 'jannet').expect(200)).body;
    expect(ids(english)).toContain(id);
    expect(english.find((h: { id: string }) => h.id === id).snippet).toMatch(/<mark>print\w*<\/mark>/);
    expect(english.find((h: { id: string }) => h.id === id).snippet).not.toContain('<script');
    expect(ids((await get('/articles?q=printeren', 'jannet').expect(200)).body)).toContain(id);
    expect(ids((await get('/articles?q=priner', 'jannet').expect(200)).body)).toEqual([id]);
  });

  it('is suggested while a ticket is written, and counts a deflection once per user and day', async () => {
    const suggested = (await get(`/articles/suggestions?title=${encodeURIComponent('Kan ikke printe fra Windows 11')}`, 'jannet').expect(200)).body;
    expect(ids(suggested)).toContain(id);
    expect((await post(`/articles/${id}/solved`, 'jannet').expect(200)).body).toEqual({ deflections: 1 });
    expect((await post(`/articles/${id}/solved`, 'jannet').expect(200)).body).toEqual({ deflections: 1 });
    const statistics = (await get('/articles/statistics', 'dorthe').expect(200)).body;
    expect(statistics).toMatchObject({ published: 1, deflections: 1, topArticles: [{ id, rank: 1 }] });
    expect((await get('/articles/statistics', 'jannet')).status).toBe(403);
  });

  it('keeps every version with its author, and shows what changed', async () => {
    const article = (await get(`/articles/${id}`, 'tim').expect(200)).body;
    expect(article.versions.map((v: { version: number; authorName: string }) => [v.version, v.authorName])).toEqual([
      [1, 'LevelOneTim'],
      [2, 'LevelOneTim'],
    ]);
    expect(article.history.map((h: { text: string }) => h.text)).toEqual(['Written as a draft: version 1', 'Published: version 1', 'Edited: version 2']);
    const diff = (await get(`/articles/${id}/diff?from=1&to=2`, 'tim').expect(200)).body;
    expect(diff.lines.filter((l: { change: string }) => l.change !== 'same')).toEqual([{ change: 'added', text: '' }, { change: 'added', text: 'Restart the PC afterwards.' }]);
    expect((await get(`/articles/${id}`, 'jannet').expect(200)).body.versions).toBeUndefined();
    expect((await get(`/articles/${id}/diff?from=1&to=9`, 'tim')).status).toBe(404);
  });

  it('is retired with a reason and no longer found; end users may not write', async () => {
    const noReason = await post(`/articles/${id}/retire`, 'tim', { note: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ rule: 'retireNote', field: 'note' });
    await post(`/articles/${id}/retire`, 'tim', { note: 'Windows 12 ships its own driver' }).expect(200);
    expect(ids((await get('/articles?q=driver', 'jannet').expect(200)).body)).not.toContain(id);
    expect((await get(`/articles/${id}`, 'jannet')).status).toBe(404);
    const edit = await stack.http.patch(`/articles/${id}`).set(stack.as('tim')).send(DRIVER);
    expect(edit.status).toBe(409);
    expect(edit.body.allowedCommands).toEqual(['restore']);
    expect((await post('/articles', 'jannet', DRIVER)).status).toBe(403);
  });
});

describe('the public SLA and service catalog documents (seed 002)', () => {
  it('are articles an admin marks, readable by everyone signed in', async () => {
    expect((await get('/documents/sla', 'jannet')).status).toBe(404);
    const sla = await post('/articles', 'admin', { title: 'Service level agreement', body: 'Response within 4 business hours for P1.', visibility: 'public' }).expect(201);
    const draftMark = await stack.http.put('/documents/sla').set(stack.as('admin')).send({ articleId: sla.body.id });
    expect(draftMark.status).toBe(422);
    expect(draftMark.body.rule).toBe('publishedPublic');
    await post(`/articles/${sla.body.id}/publish`, 'admin').expect(200);
    await stack.http.put('/documents/sla').set(stack.as('admin')).send({ articleId: sla.body.id }).expect(200);
    expect((await get('/documents/sla', 'jannet').expect(200)).body).toMatchObject({ id: sla.body.id, documentMark: 'sla', html: expect.stringContaining('4 business hours') });
    expect((await stack.http.put('/documents/catalog').set(stack.as('tim')).send({ articleId: sla.body.id })).status).toBe(403);
  });
});
