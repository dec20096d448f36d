// The knowledge article's lifecycle: Draft -> Published -> Retired -> (restored) Draft. Pure; the
// knowledge module judges each command with it (machines/article.law.ts) and writes the article,
// its versions and its history in one transaction. An article is a document, not a long-running
// process: it has no timers, so no workflow runs it.
import { assign, setup } from 'xstate';
import { ARTICLE_RULES, type ArticleRuleName } from './article.rules';
import type { ArticleContext, ArticleEvent, ArticleHistoryEffect, ArticleInput } from './article.types';
import { ruleGuard, rulesHold } from './process/rules';
import { recordLine } from './process/steps';

type Args = { context: ArticleContext; event: ArticleEvent };
const rules = ruleGuard<ArticleRuleName>();
const record = (text: (args: Args) => string) => recordLine<ArticleContext, ArticleEvent>(text);
const set = (update: (args: Args) => Partial<ArticleContext>) => assign<ArticleContext, ArticleEvent, undefined, ArticleEvent, never>(update as never);

/** Every edit is a new version, in Draft and while Published (readers see the newest). */
const edit = {
  guard: rules('writer', 'contentGiven'),
  actions: [record(({ context }) => `Edited: version ${context.version + 1}`), set(({ context }) => ({ version: context.version + 1 }))],
};

export const articleMachine = setup({
  types: { context: {} as ArticleContext, events: {} as ArticleEvent, input: {} as ArticleInput },
  guards: { rules: rulesHold(ARTICLE_RULES) },
  actions: {
    // Carried out by the knowledge module: a line in the article's history.
    record: (_args, _params: ArticleHistoryEffect) => undefined,
  },
}).createMachine({
  id: 'article',
  context: () => ({ version: 1, publishedAt: null, retiredAt: null }),
  entry: {
    type: 'record',
    params: ({ event }) => ({ text: 'Written as a draft: version 1', authorId: (event as unknown as { input: ArticleInput }).input.createdBy.id }),
  },
  initial: 'Draft',
  states: {
    Draft: {
      description: 'Being written: only writers read it',
      on: {
        edit,
        publish: {
          target: 'Published',
          guard: rules('writer'),
          actions: [set(({ event }) => ({ publishedAt: event.at, retiredAt: null })), record(({ context }) => `Published: version ${context.version}`)],
        },
      },
    },
    Published: {
      description: 'Readable by its audience (internal: IT staff; public: everyone signed in); found by search',
      on: {
        edit,
        retire: {
          target: 'Retired',
          guard: rules('writer', 'retireNote'),
          actions: [set(({ event }) => ({ retiredAt: event.at })), record(({ event }) => `Retired: ${(event as { note: string }).note.trim()}`)],
        },
      },
    },
    Retired: {
      description: 'No longer valid: kept with its versions, found by no search',
      on: {
        restore: { target: 'Draft', guard: rules('writer'), actions: [record(() => 'Restored as a draft')] },
      },
    },
  },
});
