import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CategoryEntity } from './category.entity';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('categories')
export class CatalogController {
  constructor(@InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>) {}

  @Get()
  list(): Promise<CategoryEntity[]> {
    return this.categories.find({ order: { name: 'ASC' } });
  }
}
