import { Module } from '@nestjs/common';
import { ArticlesController, DocumentsController } from './knowledge.controller';
import { KnowledgeService } from './knowledge.service';

/** The knowledge base: articles, their versions and history, the public documents, deflections. */
@Module({ controllers: [ArticlesController, DocumentsController], providers: [KnowledgeService], exports: [KnowledgeService] })
export class KnowledgeModule {}
