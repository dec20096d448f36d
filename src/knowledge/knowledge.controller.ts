import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors, processCommandErrors } from '../errors/api-errors.decorator';
import {
  ArticleDiffView,
  ArticleHit,
  ArticleIdParams,
  ArticleView,
  ArticleDeflectionView,
  DiffQuery,
  DocumentParams,
  KnowledgeStatistics,
  MarkDocumentDto,
  RetireArticleDto,
  SearchArticlesQuery,
  SuggestQuery,
  WriteArticleDto,
} from './dto/article.dto';
import { KnowledgeService } from './knowledge.service';

const ARTICLE = { type: ArticleView, description: 'the article as it is afterwards, with what the caller may do next' };

/** The knowledge base: articles (REQUIREMENTS 10). The static routes come before `:id`. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('articles')
export class ArticlesController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'Search articles in English or Danish (end users: published public ones; writers: drafts too)' })
  @ApiOkResponse({ type: [ArticleHit], description: 'best first; without q, the newest' })
  search(@CurrentUser() user: AuthUser, @Query() query: SearchArticlesQuery): Promise<ArticleHit[]> {
    return this.knowledge.search(user, query);
  }

  @Get('suggestions')
  @Permission('signedIn')
  @ApiOperation({ summary: 'While a ticket is written: the published articles that match its title (at most 3)' })
  @ApiOkResponse({ type: [ArticleHit] })
  suggest(@CurrentUser() user: AuthUser, @Query() query: SuggestQuery): Promise<ArticleHit[]> {
    return this.knowledge.suggest(user, query.title);
  }

  @Get('statistics')
  @Permission('overview')
  @ApiOperation({ summary: 'Published articles and deflections (problems solved without a ticket)' })
  @ApiOkResponse({ type: KnowledgeStatistics })
  statistics(): Promise<KnowledgeStatistics> {
    return this.knowledge.statistics();
  }

  @Post()
  @Permission('knowledgeWriter')
  @ApiOperation({ summary: 'Write an article (a draft, version 1)' })
  @ApiCreatedResponse(ARTICLE)
  @ApiErrors({ 422: 'the category does not exist (field: categoryId)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: WriteArticleDto): Promise<ArticleView> {
    return this.knowledge.create(user, dto);
  }

  @Get(':id')
  @Permission('signedIn')
  @ApiOperation({ summary: 'An article, its body as sanitised HTML too (writers: with versions and history)' })
  @ApiOkResponse({ type: ArticleView })
  @ApiErrors({ 404: 'no such article the caller may read' })
  get(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams): Promise<ArticleView> {
    return this.knowledge.get(user, p.id);
  }

  @Patch(':id')
  @Permission('knowledgeWriter')
  @ApiOperation({ summary: 'Edit: a new version (title and body; audience, category and service optional)' })
  @ApiOkResponse(ARTICLE)
  @ApiErrors(processCommandErrors('article'))
  edit(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams, @Body() dto: WriteArticleDto): Promise<ArticleView> {
    return this.knowledge.edit(user, p.id, dto);
  }

  @Post(':id/publish')
  @Permission('knowledgeWriter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: its audience can read and find it' })
  @ApiOkResponse(ARTICLE)
  @ApiErrors(processCommandErrors('article'))
  publish(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams): Promise<ArticleView> {
    return this.knowledge.command(user, p.id, 'publish');
  }

  @Post(':id/retire')
  @Permission('knowledgeWriter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a published article, saying why (it keeps its versions; search no longer finds it)' })
  @ApiOkResponse(ARTICLE)
  @ApiErrors(processCommandErrors('article'))
  retire(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams, @Body() dto: RetireArticleDto): Promise<ArticleView> {
    return this.knowledge.command(user, p.id, 'retire', dto.note);
  }

  @Post(':id/restore')
  @Permission('knowledgeWriter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a retired article back as a draft' })
  @ApiOkResponse(ARTICLE)
  @ApiErrors(processCommandErrors('article'))
  restore(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams): Promise<ArticleView> {
    return this.knowledge.command(user, p.id, 'restore');
  }

  @Get(':id/diff')
  @Permission('knowledgeWriter')
  @ApiOperation({ summary: 'What changed between two versions, line by line' })
  @ApiOkResponse({ type: ArticleDiffView })
  @ApiErrors({ 404: 'no such article or version (field: from or to)' })
  diff(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams, @Query() q: DiffQuery): Promise<ArticleDiffView> {
    return this.knowledge.diff(user, p.id, q.from, q.to);
  }

  @Post(':id/solved')
  @Permission('signedIn')
  @HttpCode(200)
  @ApiOperation({ summary: '"This solved my problem": counted as a deflection (once per user, article and day)' })
  @ApiOkResponse({ type: ArticleDeflectionView })
  @ApiErrors({ 404: 'no such article the caller may read', 422: 'the article is not published (rule: published)' })
  solved(@CurrentUser() user: AuthUser, @Param() p: ArticleIdParams): Promise<ArticleDeflectionView> {
    return this.knowledge.solved(user, p.id);
  }
}

/** Seed 002: the SLA and the service catalog, published to everyone as marked articles. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get(':mark')
  @Permission('signedIn')
  @ApiOperation({ summary: 'The public SLA or service catalog document' })
  @ApiOkResponse({ type: ArticleView })
  @ApiErrors({ 404: 'no article is marked as this document yet' })
  get(@CurrentUser() user: AuthUser, @Param() p: DocumentParams): Promise<ArticleView> {
    return this.knowledge.document(user, p.mark);
  }

  @Put(':mark')
  @Permission('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: mark a published public article as the SLA or service catalog document (replaces the earlier one)' })
  @ApiOkResponse({ type: ArticleView })
  @ApiErrors({ 422: 'no such article, or it is not published and public (field: articleId)' })
  mark(@CurrentUser() user: AuthUser, @Param() p: DocumentParams, @Body() dto: MarkDocumentDto): Promise<ArticleView> {
    return this.knowledge.markDocument(user, p.mark, dto.articleId);
  }
}
