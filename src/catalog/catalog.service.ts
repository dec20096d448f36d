import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestKind } from '../../machines/sla/sla-policy';
import type { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../database/unique-violation';
import { CatalogErrorCode, CatalogException } from './catalog.exception';
import { AdditionalQuestion, CategoryEntity } from './category.entity';
import type { CategoryView, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

export const toCategoryView = (c: CategoryEntity): CategoryView => ({
  id: c.id,
  name: c.name,
  description: c.description,
  requiresApproval: c.requiresApproval,
  slaPolicyCode: c.slaPolicyCode,
  // Stored as text; written from REQUEST_KINDS only (the DTO validates it).
  requestKind: c.requestKind as RequestKind | null,
  additionalQuestions: c.additionalQuestions ?? [],
  autoCloseAfterDays: c.autoCloseAfterDays ?? null,
  pendingPolicy: c.pendingPolicy ?? null,
});

/** The service catalog: categories and the per-service ticket policy they carry. */
@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Reference data every caller reads (end users pick a category in the portal). */
  async list(): Promise<CategoryView[]> {
    const categories = await this.db.getRepository(CategoryEntity).find({ order: { name: 'ASC' } });
    return categories.map(toCategoryView);
  }

  async create(user: AuthUser, dto: CreateCategoryDto): Promise<CategoryView> {
    const id = await this.db.transaction(async (tx) => {
      await this.checkRules(tx, dto);
      try {
        const saved = await tx.getRepository(CategoryEntity).save({
          name: dto.name.trim(),
          description: dto.description ?? '',
          requiresApproval: dto.requiresApproval ?? false,
          slaPolicyCode: dto.slaPolicyCode ?? 'standard',
          requestKind: dto.requestKind ?? null,
          additionalQuestions: questions(dto.additionalQuestions ?? []),
          autoCloseAfterDays: dto.autoCloseAfterDays ?? null,
          pendingPolicy: dto.pendingPolicy ?? null,
        });
        return saved.id;
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateName(dto.name) : error;
      }
    });
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateCategoryDto): Promise<CategoryView> {
    await this.db.transaction(async (tx) => {
      const found = await tx.getRepository(CategoryEntity).findOneBy({ id });
      if (!found) throw new CatalogException(CatalogErrorCode.CategoryNotFound, `category ${id} not found`);
      await this.checkRules(tx, dto, id);
      const changes: Partial<CategoryEntity> = {
        ...(dto.name != null ? { name: dto.name.trim() } : {}),
        ...(dto.description != null ? { description: dto.description } : {}),
        ...(dto.requiresApproval != null ? { requiresApproval: dto.requiresApproval } : {}),
        ...(dto.slaPolicyCode != null ? { slaPolicyCode: dto.slaPolicyCode } : {}),
        ...(dto.requestKind !== undefined ? { requestKind: dto.requestKind } : {}),
        ...(dto.additionalQuestions != null ? { additionalQuestions: questions(dto.additionalQuestions) } : {}),
        ...(dto.autoCloseAfterDays !== undefined ? { autoCloseAfterDays: dto.autoCloseAfterDays } : {}),
        ...(dto.pendingPolicy !== undefined ? { pendingPolicy: dto.pendingPolicy ? { ...dto.pendingPolicy } : null } : {}),
      };
      try {
        if (Object.keys(changes).length > 0) await tx.getRepository(CategoryEntity).update({ id }, changes);
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateName(dto.name ?? found.name) : error;
      }
    });
    return this.get(id);
  }

  private async get(id: string): Promise<CategoryView> {
    const found = await this.db.getRepository(CategoryEntity).findOneBy({ id });
    if (!found) throw new CatalogException(CatalogErrorCode.CategoryNotFound, `category ${id} not found`);
    return toCategoryView(found);
  }

  private async checkRules(tx: EntityManager, dto: UpdateCategoryDto, id?: string): Promise<void> {
    // Checked first for a clean refusal; the unique constraint still decides a race.
    if (dto.name != null) {
      const same = await tx.getRepository(CategoryEntity).findOneBy({ name: dto.name.trim() });
      if (same && same.id !== id) throw duplicateName(dto.name);
    }
    if (dto.slaPolicyCode != null) {
      const [policy] = await tx.query('SELECT 1 FROM sla_policies WHERE code = $1 LIMIT 1', [dto.slaPolicyCode]);
      if (!policy) {
        throw new CatalogException(CatalogErrorCode.UnknownReference, `SLA policy ${dto.slaPolicyCode} does not exist`, {
          field: 'slaPolicyCode',
        });
      }
    }
    if (dto.pendingPolicy && dto.pendingPolicy.closeAfterDays <= dto.pendingPolicy.remindAfterDays) {
      throw new CatalogException(CatalogErrorCode.RuleBroken, 'the ticket closes after the reminder: closeAfterDays must be more than remindAfterDays', {
        field: 'pendingPolicy.closeAfterDays',
        rule: 'closeAfterReminder',
      });
    }
    // Answers are stored under the key (issue 4 item 3): two questions with one key would share an answer.
    const keys = (dto.additionalQuestions ?? []).map((q) => q.key);
    const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
    if (repeated !== undefined) {
      throw new CatalogException(CatalogErrorCode.RuleBroken, `Additional Question key ${repeated} is used twice`, {
        field: 'additionalQuestions',
        rule: 'uniqueQuestionKeys',
      });
    }
  }
}

const duplicateName = (name: string) =>
  new CatalogException(CatalogErrorCode.DuplicateName, `a category named ${name.trim()} exists`, { field: 'name' });

const questions = (list: AdditionalQuestion[]): AdditionalQuestion[] => list.map((q) => ({ key: q.key, question: q.question.trim() }));
