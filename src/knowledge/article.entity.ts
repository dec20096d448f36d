import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersistedArticleState } from '../../machines/article.law';
import type { ArticleStatus, ArticleVisibility } from '../../machines/article.types';

/** Seed 002: the two documents published to everyone, each an article an admin marks. */
export const DOCUMENT_MARKS = ['sla', 'catalog'] as const;
export type DocumentMark = (typeof DOCUMENT_MARKS)[number];

/** A knowledge article (REQUIREMENTS 10): its newest version, its lifecycle and its search vector (migration). */
@Entity('articles')
export class ArticleEntity {
  /** KB-000001. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) title!: string;
  /** Markdown; rendered sanitised (src/knowledge/markdown.ts). */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) visibility!: ArticleVisibility;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  /** The service it is about, in the catalog's words (e.g. "Printing"). */
  @Column({ type: 'text', nullable: true }) service!: string | null;
  @Column({ type: 'text' }) status!: ArticleStatus;
  @Column({ name: 'machine_state', type: 'jsonb' }) machineState!: PersistedArticleState;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'document_mark', type: 'text', nullable: true }) documentMark!: DocumentMark | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Every version of an article, as it was written. */
@Entity('article_versions')
export class ArticleVersionEntity {
  @PrimaryColumn({ name: 'article_id', type: 'text' }) articleId!: string;
  @PrimaryColumn({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The article's history: each lifecycle step, as the machine words it. */
@Entity('article_history')
export class ArticleHistoryEntity {
  @PrimaryColumn({ name: 'article_id', type: 'text' }) articleId!: string;
  @PrimaryColumn({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}

/** A user who found the answer in an article instead of opening a ticket (deflection). */
@Entity('article_deflections')
export class ArticleDeflectionEntity {
  @PrimaryColumn({ name: 'article_id', type: 'text' }) articleId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId!: string;
  /** One per user, article and day: pressing twice counts once. */
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
