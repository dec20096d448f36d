// The rules of the knowledge article's machine, of the same three kinds as every process's:
// `actor` (403), `state` (409, and what is offered), `input` (422, naming the field).
import type { Role } from './actor';
import type { ArticleContext, ArticleEvent } from './article.types';
import { fieldOf, present, type Rule } from './process/rules';

type ArticleRule = Rule<ArticleContext, ArticleEvent>;

/** Who writes the knowledge base: the people who work tickets and the process manager. */
export const ARTICLE_WRITER_ROLES: readonly Role[] = ['agent', 'dispatcher', 'incidentManager', 'processManager', 'admin'];

export const ARTICLE_RULES = {
  writer: {
    kind: 'actor',
    says: 'only agents, dispatchers, incident and process managers and admins write knowledge articles',
    holds: (_c, e) => ARTICLE_WRITER_ROLES.includes(e.actor.role),
  },
  contentGiven: {
    kind: 'input',
    field: 'title',
    says: 'an article needs a title and a body',
    holds: (_c, e) => present(fieldOf(e, 'title')) && present(fieldOf(e, 'body')),
  },
  retireNote: { kind: 'input', field: 'note', says: 'say why the article is retired', holds: (_c, e) => present(fieldOf(e, 'note')) },
} satisfies Record<string, ArticleRule>;

export type ArticleRuleName = keyof typeof ARTICLE_RULES;
