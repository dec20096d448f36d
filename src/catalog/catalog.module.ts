import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { RequestItemsController } from './request-items.controller';
import { RequestItemsService } from './request-items.service';

@Module({ controllers: [CatalogController, RequestItemsController], providers: [CatalogService, RequestItemsService], exports: [RequestItemsService] })
export class CatalogModule {}
