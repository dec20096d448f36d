import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogController } from './catalog.controller';
import { CategoryEntity } from './category.entity';

@Module({ imports: [TypeOrmModule.forFeature([CategoryEntity])], controllers: [CatalogController] })
export class CatalogModule {}
