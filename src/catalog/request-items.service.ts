import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { answersAsQuestions, type FieldProblem, type Form, type FormAnswers, validateAnswers, validateForm } from '../../machines/catalog/form';
import { type GuideDefinition, guideToMermaid, type GuidePathEntry, runGuide, validateGuide } from '../../machines/catalog/guide';
import type { RequestKind } from '../../machines/sla/sla-policy';
import type { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../database/unique-violation';
import { CatalogErrorCode, CatalogException } from './catalog.exception';
import { CategoryEntity } from './category.entity';
import type { CreateRequestItemDto, GuideDefinitionDto, GuideRunView, GuideStatisticsRow, RequestItemView, UpdateRequestItemDto } from './dto/request-item.dto';
import { GuideOutcomeEntity } from './guide-outcome.entity';
import { RequestItemEntity } from './request-item.entity';

const toView = (item: RequestItemEntity): RequestItemView => ({
  id: item.id,
  name: item.name,
  description: item.description,
  categoryId: item.categoryId,
  // Stored as text; written from REQUEST_KINDS only (the DTO validates it).
  requestKind: item.requestKind as RequestKind | null,
  defaultTeamId: item.defaultTeamId,
  slaPolicyCode: item.slaPolicyCode,
  requiresApproval: item.requiresApproval,
  form: item.form,
  guide: item.guide,
});

/** What a ticket opened from a request item carries: checked answers as text, and the item's routing. */
export interface RequestItemIntake {
  item: RequestItemEntity;
  /** Question key -> answer as text: the ticket's Additional Questions. */
  answers: Record<string, string>;
  /** The journal's account of the intake: the item, the answers and the guide's path. */
  text: string;
}

/** 422 naming every problem: the first in field and rule, all of them in missing and the message. */
const refuse = (problems: FieldProblem[]): CatalogException =>
  new CatalogException(CatalogErrorCode.RuleBroken, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    field: problems[0].field,
    rule: problems[0].rule,
    missing: problems.map((p) => p.field),
  });

/** The service catalog's request items (issue 13 items 2 and 3): forms, guides and their outcomes. */
@Injectable()
export class RequestItemsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<RequestItemView[]> {
    return (await this.db.getRepository(RequestItemEntity).find({ order: { name: 'ASC' } })).map(toView);
  }

  async get(id: string): Promise<RequestItemView> {
    return toView(await this.find(id));
  }

  async create(user: AuthUser, dto: CreateRequestItemDto): Promise<RequestItemView> {
    const id = await this.db.transaction(async (tx) => {
      await this.checkRules(tx, dto);
      try {
        const saved = await tx.getRepository(RequestItemEntity).save({
          name: dto.name.trim(),
          description: dto.description ?? '',
          categoryId: dto.categoryId ?? null,
          requestKind: dto.requestKind ?? null,
          defaultTeamId: dto.defaultTeamId ?? null,
          slaPolicyCode: dto.slaPolicyCode ?? null,
          requiresApproval: dto.requiresApproval ?? false,
          form: plainForm(dto.form ?? []),
          guide: dto.guide ? plainGuide(dto.guide) : null,
        });
        return saved.id;
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateName(dto.name) : error;
      }
    });
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateRequestItemDto): Promise<RequestItemView> {
    await this.db.transaction(async (tx) => {
      const found = await tx.getRepository(RequestItemEntity).findOneBy({ id });
      if (!found) throw notFound(id);
      await this.checkRules(tx, dto, id);
      const changes: Partial<RequestItemEntity> = {
        ...(dto.name != null ? { name: dto.name.trim() } : {}),
        ...(dto.description != null ? { description: dto.description } : {}),
        ...(dto.categoryId !== undefined ? { categoryId: dto.categoryId } : {}),
        ...(dto.requestKind !== undefined ? { requestKind: dto.requestKind } : {}),
        ...(dto.defaultTeamId !== undefined ? { defaultTeamId: dto.defaultTeamId } : {}),
        ...(dto.slaPolicyCode !== undefined ? { slaPolicyCode: dto.slaPolicyCode } : {}),
        ...(dto.requiresApproval != null ? { requiresApproval: dto.requiresApproval } : {}),
        ...(dto.form != null ? { form: plainForm(dto.form) } : {}),
        ...(dto.guide !== undefined ? { guide: dto.guide ? plainGuide(dto.guide) : null } : {}),
      };
      try {
        if (Object.keys(changes).length > 0) await tx.getRepository(RequestItemEntity).update({ id }, changes);
      } catch (error) {
        throw isUniqueViolation(error) ? duplicateName(dto.name ?? found.name) : error;
      }
    });
    return this.get(id);
  }

  /**
   * One step of guided creation: the user's answers so far replayed through the guide's machine.
   * An outcome reached is recorded for the statistics (a retry with the same Idempotency-Key is
   * answered from the store, so it is recorded once).
   */
  async runGuide(user: AuthUser, id: string, answers: { step: string; value: string }[]): Promise<GuideRunView> {
    const item = await this.find(id);
    const guide = requireGuide(item);
    const result = runGuide(guide, answers);
    if (result.status === 'invalid') throw refuse([result.problem]);
    if (result.status === 'question') return result;
    await this.db.getRepository(GuideOutcomeEntity).insert({ itemId: id, outcome: result.status, step: result.outcome.id, path: result.path, userId: user.id });
    return result;
  }

  async diagram(id: string): Promise<{ mermaid: string }> {
    return { mermaid: guideToMermaid(requireGuide(await this.find(id))) };
  }

  /** Seed 002: how often the guide solved the problem, refused it, or led to a ticket (in [from, to) when given: the statistics module's period). */
  async statistics(period?: { from: Date; to: Date }): Promise<GuideStatisticsRow[]> {
    const rows: Array<{ item_id: string; name: string; solved: number; not_covered: number; create: number }> = await this.db.query(
      `SELECT i.id AS item_id, i.name,
              count(*) FILTER (WHERE o.outcome = 'solved')::int AS solved,
              count(*) FILTER (WHERE o.outcome = 'notCovered')::int AS not_covered,
              count(*) FILTER (WHERE o.outcome = 'create')::int AS "create"
       FROM request_items i JOIN guide_outcomes o ON o.item_id = i.id
       WHERE ($1::timestamptz IS NULL OR o.recorded_at >= $1) AND ($2::timestamptz IS NULL OR o.recorded_at < $2)
       GROUP BY i.id, i.name ORDER BY i.name`,
      [period?.from ?? null, period?.to ?? null],
    );
    return rows.map((r) => ({ itemId: r.item_id, itemName: r.name, solved: r.solved, notCovered: r.not_covered, create: r.create }));
  }

  /**
   * A new ticket from a request item: the answers checked against its form (422 naming each
   * missing or wrong field), users named in answers exist, and an item with a guide is reached
   * through it (the guide's answers must end in "create").
   */
  async intakeFor(itemId: string, answers: FormAnswers, guideAnswers: { step: string; value: string }[] | undefined): Promise<RequestItemIntake> {
    const item = await this.db.getRepository(RequestItemEntity).findOneBy({ id: itemId });
    if (!item) throw new CatalogException(CatalogErrorCode.UnknownReference, `request item ${itemId} does not exist`, { field: 'requestItemId' });
    const problems = [...validateAnswers(item.form, answers), ...(await this.unknownUsers(item.form, answers))];
    if (problems.length) throw refuse(problems);
    const path = item.guide ? this.createPath(item.guide, guideAnswers ?? []) : [];
    const questions = answersAsQuestions(item.form, answers);
    const lines = [
      `Request item: ${item.name}`,
      ...questions.map((q) => `${q.question} ${q.answer}`),
      ...(path.length ? [`Guide: ${path.map((p) => `${p.question} ${p.label}`).join(' / ')}`] : []),
    ];
    return { item, answers: Object.fromEntries(questions.map((q) => [q.key, q.answer])), text: lines.join('\n') };
  }

  private createPath(guide: GuideDefinition, guideAnswers: { step: string; value: string }[]): GuidePathEntry[] {
    const result = runGuide(guide, guideAnswers);
    if (result.status === 'invalid') throw refuse([{ ...result.problem, field: `guideAnswers${result.problem.field.slice('answers'.length)}` }]);
    if (result.status !== 'create') {
      throw new CatalogException(CatalogErrorCode.RuleBroken, `the item's guide must end in "create" before a ticket is opened; these answers end in ${result.status}`, {
        field: 'guideAnswers',
        rule: 'guideCreates',
      });
    }
    return result.path;
  }

  private async unknownUsers(form: Form, answers: FormAnswers): Promise<FieldProblem[]> {
    const named = form.filter((f) => f.type === 'user' && typeof answers[f.key] === 'string').map((f) => ({ key: f.key, id: answers[f.key] as string }));
    if (!named.length) return [];
    const found: Array<{ id: string }> = await this.db.query(
      `SELECT id::text FROM users WHERE id::text = ANY($1::text[])`,
      [named.map((n) => n.id)],
    );
    const known = new Set(found.map((r) => r.id));
    return named.filter((n) => !known.has(n.id)).map((n) => ({ field: `answers.${n.key}`, rule: 'unknownUser', message: `no user ${n.id}` }));
  }

  private async find(id: string): Promise<RequestItemEntity> {
    const item = await this.db.getRepository(RequestItemEntity).findOneBy({ id });
    if (!item) throw notFound(id);
    return item;
  }

  private async checkRules(tx: EntityManager, dto: UpdateRequestItemDto, id?: string): Promise<void> {
    if (dto.name != null) {
      const same = await tx.getRepository(RequestItemEntity).findOneBy({ name: dto.name.trim() });
      if (same && same.id !== id) throw duplicateName(dto.name);
    }
    const problems = [
      ...(dto.form ? validateForm(plainForm(dto.form)) : []),
      ...(dto.guide ? validateGuide(plainGuide(dto.guide)) : []),
    ];
    if (problems.length) throw refuse(problems);
    if (dto.categoryId && !(await tx.getRepository(CategoryEntity).existsBy({ id: dto.categoryId }))) throw unknown('categoryId', `category ${dto.categoryId}`);
    // Teams and SLA policies belong to their modules; the catalog names them by id or code.
    if (dto.defaultTeamId && !(await tx.query('SELECT 1 FROM teams WHERE id = $1', [dto.defaultTeamId])).length) throw unknown('defaultTeamId', `team ${dto.defaultTeamId}`);
    if (dto.slaPolicyCode && !(await tx.query('SELECT 1 FROM sla_policies WHERE code = $1 LIMIT 1', [dto.slaPolicyCode])).length) {
      throw unknown('slaPolicyCode', `SLA policy ${dto.slaPolicyCode}`);
    }
  }
}

const notFound = (id: string) => new CatalogException(CatalogErrorCode.ItemNotFound, `request item ${id} not found`);
const unknown = (field: string, what: string) => new CatalogException(CatalogErrorCode.UnknownReference, `${what} does not exist`, { field });
const duplicateName = (name: string) => new CatalogException(CatalogErrorCode.DuplicateName, `a request item named ${name.trim()} exists`, { field: 'name' });

function requireGuide(item: RequestItemEntity): GuideDefinition {
  if (!item.guide) throw new CatalogException(CatalogErrorCode.ItemNotFound, `request item ${item.name} has no guide`);
  return item.guide;
}

// DTO instances to plain data (jsonb, and the machines compare with own keys only).
const plainForm = (form: Form): Form => JSON.parse(JSON.stringify(form));
// The DTO is one loose step shape (question or outcome); validateGuide judges what each step holds.
const plainGuide = (guide: GuideDefinitionDto): GuideDefinition => JSON.parse(JSON.stringify(guide));
