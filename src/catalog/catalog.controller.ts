import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CatalogService } from './catalog.service';
import { CategoryIdParams, CategoryView, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('categories')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Permission('signedIn')
  @ApiOperation({ summary: 'The service catalog: categories, their SLA policy and Additional Questions' })
  @ApiOkResponse({ type: [CategoryView], description: 'by name' })
  list(): Promise<CategoryView[]> {
    return this.catalog.list();
  }

  @Post()
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: add a category (409 when the name is taken; 422 unknown SLA policy or repeated question key)' })
  @ApiCreatedResponse({ type: CategoryView })
  @ApiErrors({ 409: 'a category of that name exists (field: name)', 422: 'unknown SLA policy (field: slaPolicyCode) or a question key used twice (field: additionalQuestions)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCategoryDto): Promise<CategoryView> {
    return this.catalog.create(user, dto);
  }

  @Patch(':id')
  @Permission('admin')
  @ApiOperation({ summary: 'Admin: change a category; additionalQuestions replaces the whole list' })
  @ApiOkResponse({ type: CategoryView, description: 'the category afterwards' })
  @ApiErrors({ 404: 'no such category', 409: 'a category of that name exists (field: name)', 422: 'unknown SLA policy (field: slaPolicyCode) or a question key used twice (field: additionalQuestions)' })
  update(@CurrentUser() user: AuthUser, @Param() params: CategoryIdParams, @Body() dto: UpdateCategoryDto): Promise<CategoryView> {
    return this.catalog.update(user, params.id, dto);
  }
}
