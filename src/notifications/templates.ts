// Every message a process sends, rendered from a template (REQUIREMENTS 11): Handlebars files, one
// per template and language (`templates/<language>/<template>.hbs`: a `Subject:` line, a blank
// line, the text), English and Danish shipped. An admin overrides any of them by putting a file of
// the same name in MAIL_TEMPLATES_DIR (also `<template>.html.hbs` for a hand-made HTML part); the
// HTML part is otherwise the text in the language's `layout.html.hbs`. Every subject carries the
// ticket tag (`[INC-000123]`), so a reply threads back to its ticket.
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MiNotifyEffect } from '../../machines/major-incident.types';
import { NOTIFICATION_TEMPLATES, type NotificationTemplate } from '../../machines/ticket.types';

export interface RenderedMessage {
  subject: string;
  body: string;
  html: string;
}

export interface TemplateInput {
  number: string;
  title: string;
  text: string | null;
  /** The subject line a process's machine words (CSI, MI, change). */
  subject?: string;
  /** The figures a report's template lays out (the monthly service review). */
  figures?: Record<string, unknown>;
}

/** What every template may also use. */
export interface TemplateContext {
  supportAddress: string;
  portalUrl: string;
  templatesDir?: string;
}

export const LANGUAGES = ['en', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** Messages about governed processes: the machine words the subject, the body adds the process. */
const PROCESS_TEMPLATES = ['csiStageReminder', 'changeWindowOverrun', 'miProposed', 'miUpdateOverdue', 'miStakeholderUpdate', 'miResolved', 'miCascadeReport', 'webhookDisabled'] as const satisfies ReadonlyArray<string | MiNotifyEffect['template']>;
type ProcessTemplate = (typeof PROCESS_TEMPLATES)[number];

/** Answers of the mail intake (REQUIREMENTS 9, seed 000). */
export const MAIL_TEMPLATES = ['portalPointer', 'personalAddress', 'closedTicketFollowUp', 'mailTooLarge', 'attachmentsRefused'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

/** Reports mailed to customers (issue 15, item 5): the monthly service review, to the organisation's contact. */
export const REPORT_TEMPLATES = ['serviceReview'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];

export type TemplateName = NotificationTemplate | ProcessTemplate | MailTemplate | ReportTemplate;
export const TEMPLATE_NAMES: readonly TemplateName[] = [...NOTIFICATION_TEMPLATES, ...PROCESS_TEMPLATES, ...MAIL_TEMPLATES, ...REPORT_TEMPLATES];

/** The shipped templates: beside this file in the sources (also when running the compiled dist/). */
function shippedDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'notifications', 'templates');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (existsSync(join(dir, 'templates', 'en'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error('the shipped mail templates (src/notifications/templates) were not found');
  }
}
const SHIPPED = shippedDir();

const compiled = new Map<string, HandlebarsTemplateDelegate>();
function compile(path: string, escape: boolean): HandlebarsTemplateDelegate {
  const key = `${escape}:${path}`;
  let template = compiled.get(key);
  if (!template) {
    template = Handlebars.compile(readFileSync(path, 'utf8'), { noEscape: !escape, strict: false });
    compiled.set(key, template);
  }
  return template;
}

/** The override first, then the shipped file; the language asked for, then English. */
function find(file: string, language: Language, templatesDir: string | undefined): string | undefined {
  const dirs = [templatesDir, SHIPPED].filter((d): d is string => !!d);
  for (const lang of language === 'en' ? ['en'] : [language, 'en']) {
    for (const dir of dirs) {
      const path = join(dir, lang, file);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

const paragraphs = (text: string): string =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${Handlebars.escapeExpression(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');

/** The subject with the tag of the process it is about, once. */
export const tagged = (number: string, subject: string): string => (!number || subject.includes(`[${number}]`) ? subject : `[${number}] ${subject}`);

export function renderNotification(template: TemplateName, input: TemplateInput, language: Language = 'en', context: Partial<TemplateContext> = {}): RenderedMessage {
  const vars = { ...input, text: input.text ?? '', subject: input.subject ?? input.number, supportAddress: context.supportAddress ?? '', portalUrl: context.portalUrl ?? '', language };
  const own = find(`${template}.hbs`, language, context.templatesDir);
  const path = own ?? ((PROCESS_TEMPLATES as readonly string[]).includes(template) ? find('processMessage.hbs', language, context.templatesDir) : undefined);
  if (!path) throw new Error(`no mail template "${template}"`);
  const rendered = compile(path, false)(vars);
  const match = /^Subject:[ \t]*(.*)\r?\n\r?\n?([\s\S]*)$/.exec(rendered);
  if (!match) throw new Error(`mail template ${path} must start with a "Subject:" line`);
  const subject = tagged(input.number, match[1].trim());
  const body = match[2];
  const htmlOwn = find(`${template}.html.hbs`, language, context.templatesDir);
  const html = htmlOwn
    ? compile(htmlOwn, true)({ ...vars, subject })
    : compile(find('layout.html.hbs', language, context.templatesDir)!, true)({ ...vars, subject, bodyHtml: paragraphs(body) });
  return { subject, body, html };
}
