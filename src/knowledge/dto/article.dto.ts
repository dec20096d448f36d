import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ARTICLE_COMMANDS, ARTICLE_STATUSES, ARTICLE_VISIBILITIES, type ArticleCommandType, type ArticleStatus, type ArticleVisibility } from '../../../machines/article.types';
import { DOCUMENT_MARKS, type DocumentMark } from '../article.entity';

export class WriteArticleDto {
  @ApiProperty({ example: 'Printing from Windows 11: install the new driver', minLength: 3, maxLength: 200 }) @IsString() @MinLength(3) @MaxLength(200) title!: string;
  @ApiProperty({ description: 'Markdown (rendered sanitised)', maxLength: 100000 }) @IsString() @MinLength(1) @MaxLength(100000) body!: string;
  @ApiPropertyOptional({ enum: ARTICLE_VISIBILITIES, default: 'internal', description: 'internal: IT staff; public: everyone signed in (once published)' })
  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;
  @ApiPropertyOptional({ format: 'uuid', description: 'the catalog category it belongs to' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'Printing' }) @IsOptional() @IsString() @MaxLength(200) service?: string;
}

export class RetireArticleDto {
  @ApiProperty({ maxLength: 2000, example: 'Windows 12 ships its own driver' }) @IsString() @MaxLength(2000) note!: string;
}

export class ArticleIdParams {
  @ApiProperty({ example: 'KB-000001' }) @Matches(/^KB-\d{6}$/, { message: 'id must be an article id such as KB-000001' }) id!: string;
}

export class DocumentParams {
  @ApiProperty({ enum: DOCUMENT_MARKS }) @IsIn(DOCUMENT_MARKS) mark!: DocumentMark;
}

export class MarkDocumentDto {
  @ApiProperty({ example: 'KB-000001', description: 'a published public article' }) @Matches(/^KB-\d{6}$/, { message: 'articleId must be an article id such as KB-000001' }) articleId!: string;
}

export class SearchArticlesQuery {
  @ApiPropertyOptional({ description: 'words, in English or Danish; "quoted phrases" and -excluded words work; a misspelt word still finds' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES, description: 'writers only; readers see published articles' }) @IsOptional() @IsIn(ARTICLE_STATUSES) status?: ArticleStatus;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class SuggestQuery {
  @ApiProperty({ description: 'what the user is typing as the ticket’s title', minLength: 3, maxLength: 200 }) @IsString() @MinLength(3) @MaxLength(200) title!: string;
}

export class DiffQuery {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 }) @Type(() => Number) @IsInt() @Min(1) @Max(1000000) from!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 }) @Type(() => Number) @IsInt() @Min(1) @Max(1000000) to!: number;
}

export class ArticleHit {
  @ApiProperty({ example: 'KB-000001' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ARTICLE_VISIBILITIES }) visibility!: ArticleVisibility;
  @ApiProperty({ enum: ARTICLE_STATUSES }) status!: ArticleStatus;
  @ApiProperty({ description: 'a passage with the words found between <mark> and </mark>; the rest is escaped text' }) snippet!: string;
  @ApiProperty({ description: 'higher is better' }) rank!: number;
}

export class ArticleVersionView {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ArticleHistoryLine {
  @ApiProperty() text!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ArticleView {
  @ApiProperty({ example: 'KB-000001' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown as written' }) body!: string;
  @ApiProperty({ description: 'the body as sanitised HTML' }) html!: string;
  @ApiProperty({ enum: ARTICLE_VISIBILITIES }) visibility!: ArticleVisibility;
  @ApiProperty({ enum: ARTICLE_STATUSES }) status!: ArticleStatus;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) service!: string | null;
  @ApiProperty({ enum: DOCUMENT_MARKS, nullable: true, description: 'marked as the public SLA or service catalog document' }) documentMark!: DocumentMark | null;
  @ApiProperty({ type: 'integer', description: 'users who said it solved their problem (deflections)' }) deflections!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ enum: ARTICLE_COMMANDS, isArray: true, description: 'what the caller may do now (asked of the machine)' }) allowedCommands!: ArticleCommandType[];
  @ApiPropertyOptional({ type: [ArticleVersionView], description: 'writers: every version, oldest first' }) versions?: ArticleVersionView[];
  @ApiPropertyOptional({ type: [ArticleHistoryLine], description: 'writers: the lifecycle, oldest first' }) history?: ArticleHistoryLine[];
}

export class DiffLine {
  @ApiProperty({ enum: ['same', 'added', 'removed'] }) change!: 'same' | 'added' | 'removed';
  @ApiProperty() text!: string;
}

export class ArticleDiffView {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [DiffLine], description: 'title first, then the body, line by line' }) lines!: DiffLine[];
}

export class ArticleDeflectionView {
  @ApiProperty({ type: 'integer', description: 'the article’s deflections so far' }) deflections!: number;
}

export class KnowledgeStatistics {
  @ApiProperty({ type: 'integer' }) published!: number;
  @ApiProperty({ type: 'integer', description: 'problems solved by an article without a ticket' }) deflections!: number;
  @ApiProperty({ type: [ArticleHit], description: 'the articles that solved most, best first (rank: their deflections)' }) topArticles!: ArticleHit[];
}
