import type { Actor } from './actor';
import { articleLaw } from './article.law';
import type { ArticleCommand, ArticleEvent } from './article.types';

const agent: Actor = { id: 'a-1', role: 'agent', name: 'Anna Agent' };
const user: Actor = { id: 'u-1', role: 'endUser', name: 'Rita Requester' };
const AT = '2026-11-30T10:00:00.000Z';
const by = (actor: Actor, command: ArticleCommand): ArticleEvent => ({ ...command, actor, at: AT }) as ArticleEvent;

function give(snapshot: ReturnType<typeof articleLaw.open>[0], event: ArticleEvent) {
  expect(articleLaw.judge(snapshot, event)).toEqual({ allowed: true });
  return articleLaw.apply(snapshot, event);
}

describe('the knowledge article’s lifecycle', () => {
  it('is written as a draft, edited into new versions, published, retired and restored', () => {
    const [draft, opened] = articleLaw.open({ createdBy: agent, at: AT });
    expect(articleLaw.stateOf(draft)).toBe('Draft');
    expect(opened).toEqual([{ type: 'record', params: { text: 'Written as a draft: version 1', authorId: agent.id } }]);

    const [edited, editEffects] = give(draft, by(agent, { type: 'edit', title: 'Printer driver for Windows 11', body: 'Install the v2 driver' }));
    expect(edited.context.version).toBe(2);
    expect(editEffects).toEqual([{ type: 'record', params: { text: 'Edited: version 2', authorId: agent.id } }]);

    const [published] = give(edited, by(agent, { type: 'publish' }));
    expect(articleLaw.stateOf(published)).toBe('Published');
    expect(published.context.publishedAt).toBe(AT);
    const [stillPublished] = give(published, by(agent, { type: 'edit', title: 'Printer driver', body: 'v3' }));
    expect([articleLaw.stateOf(stillPublished), stillPublished.context.version]).toEqual(['Published', 3]);

    const [retired, retireEffects] = give(stillPublished, by(agent, { type: 'retire', note: 'Windows 12 ships its own driver' }));
    expect(articleLaw.stateOf(retired)).toBe('Retired');
    expect(retireEffects[0].params.text).toBe('Retired: Windows 12 ships its own driver');
    const [restored] = give(retired, by(agent, { type: 'restore' }));
    expect(articleLaw.stateOf(restored)).toBe('Draft');
  });

  it('refuses end users (403), a retired article’s edit (409) and an empty body or retirement note (422)', () => {
    const [draft] = articleLaw.open({ createdBy: agent, at: AT });
    expect(articleLaw.judge(draft, by(user, { type: 'publish' }))).toMatchObject({ allowed: false, code: 'forbidden', rule: 'writer' });
    expect(articleLaw.judge(draft, by(agent, { type: 'edit', title: 'x', body: ' ' }))).toMatchObject({ code: 'ruleBroken', field: 'title' });
    const [published] = articleLaw.apply(draft, by(agent, { type: 'publish' }));
    expect(articleLaw.judge(published, by(agent, { type: 'retire', note: '' }))).toMatchObject({ code: 'ruleBroken', rule: 'retireNote', field: 'note' });
    const [retired] = articleLaw.apply(published, by(agent, { type: 'retire', note: 'old' }));
    expect(articleLaw.judge(retired, by(agent, { type: 'edit', title: 't', body: 'b' }))).toMatchObject({ code: 'notAllowedNow', allowedCommands: ['restore'] });
  });

  it('offers each status its commands', () => {
    const [draft] = articleLaw.open({ createdBy: agent, at: AT });
    expect(articleLaw.allowedCommands(draft, agent)).toEqual(['edit', 'publish']);
    expect(articleLaw.allowedCommands(draft, user)).toEqual([]);
    const [published] = articleLaw.apply(draft, by(agent, { type: 'publish' }));
    expect(articleLaw.allowedCommands(published, agent)).toEqual(['edit', 'retire']);
  });
});
