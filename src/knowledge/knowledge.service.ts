import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffLines } from 'diff';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { articleLaw, type ArticleEffect, type ArticleSnapshot } from '../../machines/article.law';
import { ARTICLE_WRITER_ROLES } from '../../machines/article.rules';
import type { ArticleCommand, ArticleCommandType, ArticleEvent } from '../../machines/article.types';
import type { Role } from '../../machines/actor';
import { NumberAllocator } from '../numbering/number-allocator';
import { refusalFromVerdict } from '../temporal/process-workflows.client';
import { ArticleDeflectionEntity, ArticleEntity, ArticleHistoryEntity, ArticleVersionEntity, type DocumentMark } from './article.entity';
import type { ArticleDiffView, ArticleHit, ArticleView, ArticleDeflectionView, KnowledgeStatistics, SearchArticlesQuery, WriteArticleDto } from './dto/article.dto';
import { KnowledgeErrorCode, KnowledgeException } from './knowledge.exception';
import { renderMarkdown } from './markdown';

/** The words of a text, for a query of any of them (letters and digits only: nothing tsquery would parse). */
const wordsOf = (text: string): string[] => [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1))].slice(0, 20);

/** IT staff read internal articles; end users and monitors only public ones. */
const READS_INTERNAL: readonly Role[] = ['agent', 'dispatcher', 'incidentManager', 'processManager', 'csiForum', 'admin'];
const writes = (user: AuthUser) => ARTICLE_WRITER_ROLES.includes(user.role);
/** HTML-escaped body, so a snippet is safe HTML whatever the Markdown holds; only <mark> is added. */
const ESCAPED_BODY = `replace(replace(replace(a.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
/** How alike a misspelt word must be to a word of an article (pg_trgm word similarity). */
const TYPO_THRESHOLD = 0.45;
/** All the words (a search), in English or in Danish; `$1` is what the user typed. */
const ALL_WORDS = `(websearch_to_tsquery('english', $1) || websearch_to_tsquery('danish', $1))`;
/** Any of the words (a suggestion from a ticket's title: more words found rank higher); `$1` is `word | word …`. */
const ANY_WORD = `(to_tsquery('english', $1) || to_tsquery('danish', $1))`;

/**
 * The knowledge base (REQUIREMENTS 10, issue 13): articles written, versioned and published by
 * staff under the article machine (machines/article.machine.ts), searched by everyone within what
 * they may read. Owns articles, article_versions, article_history and article_deflections.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly numbers: NumberAllocator,
  ) {}

  async create(user: AuthUser, dto: WriteArticleDto): Promise<ArticleView> {
    const [snapshot, effects] = articleLaw.open({ createdBy: actorOf(user), at: new Date().toISOString() });
    // The machine judges who writes (a draft, like any command): a reader is refused before a number is taken.
    const verdict = articleLaw.judge(snapshot, this.event(user, { type: 'edit', title: dto.title, body: dto.body }));
    if (!verdict.allowed) throw refusalFromVerdict(verdict);
    await this.requireCategory(dto.categoryId);
    const id = await this.numbers.next('article');
    const now = new Date();
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ArticleEntity).insert({
        id,
        title: dto.title.trim(),
        body: dto.body,
        visibility: dto.visibility ?? 'internal',
        categoryId: dto.categoryId ?? null,
        service: dto.service?.trim() || null,
        status: articleLaw.stateOf(snapshot),
        machineState: articleLaw.persist(snapshot),
        version: snapshot.context.version,
        documentMark: null,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await this.recordVersion(tx, id, snapshot.context.version, dto, user, now);
      await this.recordHistory(tx, id, effects, now);
    });
    return this.get(user, id);
  }

  /** A new version: title, body and (optionally) audience, category and service. */
  async edit(user: AuthUser, id: string, dto: WriteArticleDto): Promise<ArticleView> {
    await this.requireCategory(dto.categoryId);
    await this.apply(user, id, { type: 'edit', title: dto.title, body: dto.body }, async (tx, next, now) => {
      await tx.getRepository(ArticleEntity).update(
        { id },
        {
          title: dto.title.trim(),
          body: dto.body,
          ...(dto.visibility ? { visibility: dto.visibility } : {}),
          ...(dto.categoryId !== undefined ? { categoryId: dto.categoryId } : {}),
          ...(dto.service !== undefined ? { service: dto.service.trim() || null } : {}),
        },
      );
      await this.recordVersion(tx, id, next.context.version, dto, user, now);
    });
    return this.get(user, id);
  }

  async command(user: AuthUser, id: string, type: Exclude<ArticleCommandType, 'edit'>, note?: string): Promise<ArticleView> {
    const event = type === 'retire' ? { type, note: note ?? '' } : { type };
    await this.apply(user, id, event as ArticleCommand, async (tx) => {
      // A retired article is no longer the public SLA or catalog document.
      if (type === 'retire') await tx.getRepository(ArticleEntity).update({ id }, { documentMark: null });
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<ArticleView> {
    const article = await this.visible(user, id);
    const [deflections, versions, history] = await Promise.all([
      this.db.getRepository(ArticleDeflectionEntity).countBy({ articleId: id }),
      writes(user) ? this.db.getRepository(ArticleVersionEntity).find({ where: { articleId: id }, order: { version: 'ASC' } }) : null,
      writes(user) ? this.db.getRepository(ArticleHistoryEntity).find({ where: { articleId: id }, order: { seq: 'ASC' } }) : null,
    ]);
    return {
      id: article.id,
      title: article.title,
      body: article.body,
      html: renderMarkdown(article.body),
      visibility: article.visibility,
      status: article.status,
      version: article.version,
      categoryId: article.categoryId,
      service: article.service,
      documentMark: article.documentMark,
      deflections,
      updatedAt: article.updatedAt.toISOString(),
      allowedCommands: articleLaw.allowedCommands(articleLaw.restore(article.machineState), actorOf(user)),
      ...(versions ? { versions: versions.map((v) => ({ version: v.version, title: v.title, authorName: v.authorName, at: v.createdAt.toISOString() })) } : {}),
      ...(history ? { history: history.map((h) => ({ text: h.text, authorId: h.authorId, at: h.at.toISOString() })) } : {}),
    };
  }

  /**
   * Full-text search in English and Danish at once (stems of both, title above body), with the
   * words found marked in a snippet; when no article has the words, a trigram search finds the
   * misspelt ones ("priner" finds "printer"). Readers find published articles they may read.
   */
  async search(user: AuthUser, query: SearchArticlesQuery, anyWord = false): Promise<ArticleHit[]> {
    const limit = query.limit ?? 20;
    const filters = this.readable(user, query.status);
    const text = anyWord ? wordsOf(query.q ?? '').join(' | ') : query.q?.trim();
    const QUERY = anyWord ? ANY_WORD : ALL_WORDS;
    if (anyWord && !text) return [];
    if (!text) {
      return this.db.query(
        `SELECT a.id, a.title, a.visibility, a.status, left(${ESCAPED_BODY}, 200) AS snippet, 0::float AS rank
         FROM articles a WHERE ${filters} ORDER BY a.updated_at DESC, a.id LIMIT $1`,
        [limit],
      );
    }
    const found: ArticleHit[] = await this.db.query(
      `SELECT a.id, a.title, a.visibility, a.status, ts_rank(a.search, ${QUERY})::float AS rank,
         ts_headline('english', ${ESCAPED_BODY}, ${QUERY}, 'MaxFragments=2, MaxWords=25, MinWords=8, StartSel=<mark>, StopSel=</mark>, FragmentDelimiter=" … "') AS snippet
       FROM articles a WHERE a.search @@ ${QUERY} AND ${filters} ORDER BY rank DESC, a.id LIMIT $2`,
      [text, limit],
    );
    if (found.length || anyWord) return found;
    // One wrong letter in a short word ("priner") scores 0.57: below pg_trgm's 0.6, above 0.45.
    return this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${TYPO_THRESHOLD}`);
      return tx.query(
        `SELECT a.id, a.title, a.visibility, a.status, word_similarity($1, a.title || ' ' || a.body)::float AS rank, left(${ESCAPED_BODY}, 200) AS snippet
         FROM articles a WHERE $1 <% (a.title || ' ' || a.body) AND ${filters} ORDER BY rank DESC, a.id LIMIT $2`,
        [text, limit],
      );
    });
  }

  /** While a ticket is being written: the three published articles that best match its title. */
  suggest(user: AuthUser, title: string): Promise<ArticleHit[]> {
    return this.search(user, { q: title, status: 'Published', limit: 3 }, true);
  }

  async diff(user: AuthUser, id: string, from: number, to: number): Promise<ArticleDiffView> {
    await this.visible(user, id);
    const [a, b] = await Promise.all([from, to].map((version) => this.db.getRepository(ArticleVersionEntity).findOneBy({ articleId: id, version })));
    if (!a || !b) throw new KnowledgeException(KnowledgeErrorCode.VersionNotFound, `${id} has no version ${!a ? from : to}`, { field: !a ? 'from' : 'to' });
    const text = (v: ArticleVersionEntity) => `${v.title}\n\n${v.body}\n`;
    const lines = diffLines(text(a), text(b)).flatMap((part) =>
      part.value.replace(/\n$/, '').split('\n').map((line) => ({ change: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const), text: line })),
    );
    return { from, to, lines };
  }

  /** "This solved my problem": a ticket not opened (deflection), once per user, article and day. */
  async solved(user: AuthUser, id: string): Promise<ArticleDeflectionView> {
    const article = await this.visible(user, id);
    if (article.status !== 'Published') {
      throw new KnowledgeException(KnowledgeErrorCode.RuleBroken, `${id} is not published`, { rule: 'published' });
    }
    const now = new Date();
    await this.db.query(
      `INSERT INTO article_deflections (article_id, user_id, day, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, user.id, now.toISOString().slice(0, 10), now],
    );
    return { deflections: await this.db.getRepository(ArticleDeflectionEntity).countBy({ articleId: id }) };
  }

  /** Problems solved by an article without a ticket, in [from, to): the statistics module's deflection figure. */
  async deflectionsBetween(from: Date, to: Date): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM article_deflections WHERE at >= $1 AND at < $2`, [from, to]);
    return row.n;
  }

  async statistics(): Promise<KnowledgeStatistics> {
    const [[counts], topArticles] = await Promise.all([
      this.db.query(`SELECT (SELECT count(*)::int FROM articles WHERE status = 'Published') AS published, (SELECT count(*)::int FROM article_deflections) AS deflections`),
      this.db.query(
        `SELECT a.id, a.title, a.visibility, a.status, left(${ESCAPED_BODY}, 200) AS snippet, count(*)::float AS rank
         FROM article_deflections d JOIN articles a ON a.id = d.article_id GROUP BY a.id ORDER BY rank DESC, a.id LIMIT 5`,
      ),
    ]);
    return { ...counts, topArticles };
  }

  /** Seed 002: the public SLA and service catalog documents, readable by everyone signed in. */
  async document(user: AuthUser, mark: DocumentMark): Promise<ArticleView> {
    const article = await this.db.getRepository(ArticleEntity).findOneBy({ documentMark: mark });
    if (!article) throw new KnowledgeException(KnowledgeErrorCode.DocumentNotMarked, `no article is marked as the ${mark} document yet`);
    return this.get(user, article.id);
  }

  async markDocument(user: AuthUser, mark: DocumentMark, articleId: string): Promise<ArticleView> {
    await this.db.transaction(async (tx) => {
      const article = await tx.getRepository(ArticleEntity).findOne({ where: { id: articleId }, lock: { mode: 'pessimistic_write' } });
      if (!article) throw new KnowledgeException(KnowledgeErrorCode.UnknownReference, `article ${articleId} does not exist`, { field: 'articleId' });
      if (article.status !== 'Published' || article.visibility !== 'public') {
        throw new KnowledgeException(KnowledgeErrorCode.RuleBroken, `${articleId} must be published and public to be everyone’s ${mark} document`, {
          field: 'articleId',
          rule: 'publishedPublic',
        });
      }
      await tx.getRepository(ArticleEntity).update({ documentMark: mark }, { documentMark: null });
      await tx.getRepository(ArticleEntity).update({ id: articleId }, { documentMark: mark });
    });
    return this.get(user, articleId);
  }

  /**
   * A known error the problem workflow published (REQUIREMENTS 8) becomes an internal article,
   * published, in the problem projection's transaction. The problem machine decided; the article
   * starts Published. Idempotent: a retried projection finds the same number (its key) and the rows.
   */
  async publishKnownError(tx: EntityManager, entry: { id: string; title: string; symptoms: string; workaround: string; problemNumber: string; at: string }): Promise<void> {
    const id = await this.numbers.next('article', `known-error:${entry.id}`);
    const at = new Date(entry.at);
    const body = `## Symptoms\n\n${entry.symptoms}\n\n## Workaround\n\n${entry.workaround}\n\nKnown error ${entry.id} of problem ${entry.problemNumber}.`;
    const state = { status: 'Published' as const, context: { version: 1, publishedAt: entry.at, retiredAt: null } };
    const inserted = await tx.query(
      `INSERT INTO articles (id, title, body, visibility, status, machine_state, version, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'internal', 'Published', $4, 1, 'system', $5, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, `Known error: ${entry.title}`, body, JSON.stringify(state), at],
    );
    if (!inserted.length) return;
    await tx.getRepository(ArticleVersionEntity).insert({ articleId: id, version: 1, title: `Known error: ${entry.title}`, body, authorId: 'system', authorName: `Problem ${entry.problemNumber}`, createdAt: at });
    await tx.getRepository(ArticleHistoryEntity).insert({ articleId: id, seq: 1, text: `Published as known error ${entry.id} of problem ${entry.problemNumber}`, authorId: 'system', at });
  }

  /** Judges a command with the article machine and writes its outcome in one transaction. */
  private async apply(
    user: AuthUser,
    id: string,
    command: ArticleCommand,
    write: (tx: EntityManager, next: ArticleSnapshot, now: Date) => Promise<void>,
  ): Promise<void> {
    await this.visible(user, id);
    await this.db.transaction(async (tx) => {
      const article = await tx.getRepository(ArticleEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const event = this.event(user, command);
      const snapshot = articleLaw.restore(article!.machineState);
      const verdict = articleLaw.judge(snapshot, event);
      if (!verdict.allowed) throw refusalFromVerdict(verdict);
      const [next, effects] = articleLaw.apply(snapshot, event);
      const now = new Date(event.at);
      await tx.getRepository(ArticleEntity).update(
        { id },
        { status: articleLaw.stateOf(next), machineState: articleLaw.persist(next), version: next.context.version, updatedAt: now },
      );
      await write(tx, next, now);
      await this.recordHistory(tx, id, effects, now);
    });
  }

  private event(user: AuthUser, command: ArticleCommand): ArticleEvent {
    return { ...command, actor: actorOf(user), at: new Date().toISOString() } as ArticleEvent;
  }

  /** The article, if the user may read it; else 404 (its existence is not theirs to know). */
  private async visible(user: AuthUser, id: string): Promise<ArticleEntity> {
    const article = await this.db.getRepository(ArticleEntity).findOneBy({ id });
    const readable =
      article && (writes(user) || (article.status === 'Published' && (article.visibility === 'public' || READS_INTERNAL.includes(user.role))));
    if (!readable) throw new KnowledgeException(KnowledgeErrorCode.ArticleNotFound, `article ${id} not found`);
    return article;
  }

  /** The SQL condition for what the user may find (writers: drafts too, and retired ones on request). */
  private readable(user: AuthUser, status?: SearchArticlesQuery['status']): string {
    const statuses = writes(user) ? (status ? [status] : ['Draft', 'Published']) : ['Published'];
    const audience = READS_INTERNAL.includes(user.role) ? '' : ` AND a.visibility = 'public'`;
    return `a.status IN (${statuses.filter((s) => /^[A-Za-z]+$/.test(s)).map((s) => `'${s}'`).join(', ')})${audience}`;
  }

  private async requireCategory(categoryId: string | undefined): Promise<void> {
    if (!categoryId) return;
    const [found] = await this.db.query('SELECT 1 FROM categories WHERE id = $1', [categoryId]);
    if (!found) throw new KnowledgeException(KnowledgeErrorCode.UnknownReference, `category ${categoryId} does not exist`, { field: 'categoryId' });
  }

  private async recordVersion(tx: EntityManager, id: string, version: number, dto: WriteArticleDto, user: AuthUser, at: Date): Promise<void> {
    await tx.getRepository(ArticleVersionEntity).insert({ articleId: id, version, title: dto.title.trim(), body: dto.body, authorId: user.id, authorName: user.displayName, createdAt: at });
  }

  private async recordHistory(tx: EntityManager, id: string, effects: ArticleEffect[], at: Date): Promise<void> {
    const [{ seq }] = await tx.query('SELECT COALESCE(max(seq), 0)::int AS seq FROM article_history WHERE article_id = $1', [id]);
    const rows = effects.map((effect, i) => ({ articleId: id, seq: seq + i + 1, text: effect.params.text, authorId: effect.params.authorId, at }));
    if (rows.length) await tx.getRepository(ArticleHistoryEntity).insert(rows);
  }
}
