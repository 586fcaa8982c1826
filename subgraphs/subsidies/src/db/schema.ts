import { date, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Rule } from '../policies/rule';

export const subsidiesSchema = pgSchema('subsidies');

/** 补贴政策: a subsidy programme; its eligibility rule is data, not code. */
export const subsidyPolicies = subsidiesSchema.table('subsidy_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['PERSON', 'EMPLOYER'] }).notNull(),
  legalBasis: text('legal_basis').notNull(),
  rule: jsonb('rule').$type<Rule>().notNull(),
  version: integer('version').notNull().default(1),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
