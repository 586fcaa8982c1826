import { bigserial, index, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * Tables every service keeps for accountability and safe retries, declared in each service's
 * `src/db/schema.ts` like the outbox, so drizzle-kit writes them into the service's own migrations.
 * The audit tables are append-only: each service's migration adds a trigger refusing UPDATE,
 * DELETE and TRUNCATE, so not even a bug in the service can rewrite what was recorded.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

/** 操作留痕: one row per mutation a viewer carried out, whatever it changed. */
export function mutationAuditTable(schema: PgSchema) {
  return schema.table(
    'mutation_audit',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      at: at('at').notNull().defaultNow(),
      /** `actorOf(viewer)`: role, subject and, for staff, their region. */
      actor: text('actor').notNull(),
      /** The mutation field, e.g. `postVacancy`. */
      operation: text('operation').notNull(),
      /** The id of the entity created or changed, when the mutation names one. */
      targetId: text('target_id'),
      /** OK, or the error code the mutation ended with. */
      outcome: text('outcome').notNull(),
      requestId: text('request_id').notNull(),
    },
    (t) => [index('mutation_audit_actor_idx').on(t.actor, t.at), index('mutation_audit_target_idx').on(t.targetId)],
  );
}

/**
 * 幂等键: a create mutation retried with the same key returns what the first attempt created.
 * Scoped by the viewer's subject and the operation, so two clients never share a key by accident;
 * the request's hash tells a true retry from a different request under a reused key (CONFLICT).
 */
export function idempotencyKeysTable(schema: PgSchema) {
  return schema.table(
    'idempotency_keys',
    {
      subject: text('subject').notNull(),
      operation: text('operation').notNull(),
      key: text('key').notNull(),
      requestHash: text('request_hash').notNull(),
      /** The id of what the first attempt created. */
      resultId: text('result_id').notNull(),
      createdAt: at('created_at').notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.subject, t.operation, t.key] })],
  );
}

/** 个人信息查阅记录: who read which protected fields of which person, and when (residents only). */
export function personalDataAccessTable(schema: PgSchema) {
  return schema.table(
    'personal_data_access',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      at: at('at').notNull().defaultNow(),
      actor: text('actor').notNull(),
      residentId: uuid('resident_id').notNull(),
      /** The protected fields read, e.g. `identityNumber`, `phone`, `monthlyIncome`. */
      fields: text('fields').array().notNull(),
      /** The GraphQL operation name the client gave, when it gave one. */
      operation: text('operation'),
      requestId: text('request_id').notNull(),
    },
    (t) => [index('personal_data_access_resident_idx').on(t.residentId, t.at), index('personal_data_access_actor_idx').on(t.actor, t.at)],
  );
}

export type MutationAuditTable = ReturnType<typeof mutationAuditTable>;
export type IdempotencyKeysTable = ReturnType<typeof idempotencyKeysTable>;
export type PersonalDataAccessTable = ReturnType<typeof personalDataAccessTable>;
