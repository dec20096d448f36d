// A knowledge article's lifecycle (REQUIREMENTS 10, issue 13): written as a draft, published,
// edited while published (every edit a new version), retired, and brought back as a draft.
import type { Actor } from './actor';

export const ARTICLE_STATUSES = ['Draft', 'Published', 'Retired'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
/** Internal: IT staff only; public: every signed-in user (once published). */
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];

export interface ArticleContext {
  /** The current version; every edit adds one. */
  version: number;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ArticleInput {
  createdBy: Actor;
  at: string;
}

export type ArticleEvent = { actor: Actor; at: string } & (
  | { type: 'edit'; title: string; body: string }
  | { type: 'publish' }
  | { type: 'retire'; note: string }
  | { type: 'restore' }
);
export type ArticleEventType = ArticleEvent['type'];
/** A command as a client gives it: the event without who and when. */
export type ArticleCommand = ArticleEvent extends infer E ? (E extends unknown ? Omit<E, 'actor' | 'at'> : never) : never;

export const ARTICLE_COMMANDS = ['edit', 'publish', 'retire', 'restore'] as const satisfies readonly ArticleEventType[];
export type ArticleCommandType = (typeof ARTICLE_COMMANDS)[number];

/** A line of the article's history, as the machine words it. */
export interface ArticleHistoryEffect {
  text: string;
  authorId: string;
}
