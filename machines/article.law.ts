// The knowledge article's law: what its machine takes now and why not (machines/process/law.ts).
import { ARTICLE_RULES, type ArticleRuleName } from './article.rules';
import { articleMachine } from './article.machine';
import { ARTICLE_COMMANDS, type ArticleCommandType, type ArticleContext, type ArticleHistoryEffect, type ArticleStatus } from './article.types';
import { defineLaw, Persisted, Verdict } from './process/law';

export type ArticleSnapshot = ReturnType<typeof articleMachine.resolveState>;
export type PersistedArticleState = Persisted<'status', ArticleStatus, ArticleContext>;
export type ArticleEffect = { type: 'record'; params: ArticleHistoryEffect };
export type ArticleVerdict = Verdict<ArticleRuleName, ArticleCommandType>;

export const articleLaw = defineLaw<ArticleEffect, ArticleStatus>()({
  machine: articleMachine,
  rules: ARTICLE_RULES,
  commands: ARTICLE_COMMANDS,
  effects: ['record'],
  stateKey: 'status',
  noun: 'article',
});
