import { and, asc, count, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import { connectionType, ErrorCode, HubError, isUuid, pageByKey, type Cursor } from '@hub/common';
import { builder } from '../builder';
import { personalDataAccess } from '../db/schema';

type AccessRow = typeof personalDataAccess.$inferSelect;

/** Records page by their serial id, oldest first. */
const bySerial: Cursor<AccessRow, number> = { of: (row) => String(row.id), parse: (text) => (/^\d{1,15}$/.test(text) ? Number(text) : undefined) };

/** The longest period one query covers: a year's reads of a busy district are already many. */
const MAX_RANGE_DAYS = 366;

const PersonalDataAccessType = builder.objectRef<AccessRow>('PersonalDataAccess').implement({
  description: '个人信息查阅记录: who read which protected fields of one person, when, in which operation and request.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => String(r.id) }),
    at: t.field({ type: 'DateTime', resolve: (r) => r.at }),
    actor: t.exposeString('actor', { description: 'Role, subject and, for staff, region of the reader.' }),
    residentId: t.exposeID('residentId'),
    fields: t.exposeStringList('fields'),
    operation: t.exposeString('operation', { nullable: true, description: 'The operation name the client gave, if any.' }),
    requestId: t.exposeString('requestId'),
  }),
});

const PersonalDataAccessConnection = connectionType(builder, 'PersonalDataAccess', PersonalDataAccessType);

builder.queryField('personalDataAccess', (t) =>
  t.field({
    type: PersonalDataAccessConnection,
    authScopes: { admin: true },
    description: `Reads of identity numbers, phones, incomes, households, groups and certificate numbers, oldest first: of one person or by one reader, within at most ${MAX_RANGE_DAYS} days. Administrators only.`,
    args: {
      residentId: t.arg.id({ required: false }),
      actor: t.arg.string({ required: false, description: 'As recorded, e.g. COORDINATOR:wang@211402001001.' }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true, description: 'Exclusive.' }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const residentId = args.residentId == null ? null : String(args.residentId);
      const actor = args.actor?.trim() || null;
      if (!residentId && !actor) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Name the person (residentId) or the reader (actor) whose records you want.', { field: 'residentId' });
      if (residentId && !isUuid(residentId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not a resident id.', { field: 'residentId' });
      if (args.to <= args.from) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The period ends after it starts.', { field: 'to' });
      if (args.to.getTime() - args.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `Ask for at most ${MAX_RANGE_DAYS} days at a time.`, { field: 'to' });
      }
      const where = and(
        ...([residentId ? eq(personalDataAccess.residentId, residentId) : undefined, actor ? eq(personalDataAccess.actor, actor) : undefined].filter(Boolean) as SQL[]),
        gte(personalDataAccess.at, args.from),
        lt(personalDataAccess.at, args.to),
      );
      return pageByKey(
        args,
        'records',
        bySerial,
        async () => (await ctx.db.select({ n: count() }).from(personalDataAccess).where(where))[0]?.n ?? 0,
        (after, limit) =>
          ctx.db
            .select()
            .from(personalDataAccess)
            .where(after === null ? where : and(where, gt(personalDataAccess.id, after)))
            .orderBy(asc(personalDataAccess.id))
            .limit(limit),
      );
    },
  }),
);
