import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { actorOf, ErrorCode, groupLoaderFor, HubError, isUuid, todayIso } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { idempotencyKeys, registrations } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { recordEvents } from '../register/history';
import { isWorkingAge } from '@hub/common';
import { applyStatusChange, lockResident, nextCertificateNumber } from '../register/status';
import { syncCases } from '../cases/sync';
import { reveal } from '../access/resident-policy';
import { ResidentRef } from './household';
import { residentLoader } from './resident';

type RegistrationRow = typeof registrations.$inferSelect;

const registrationsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, RegistrationRow>(
    ctx,
    'registrations',
    (ids) => ctx.db.select().from(registrations).where(inArray(registrations.residentId, [...ids])).orderBy(desc(registrations.registeredOn)),
    (row) => row.residentId,
  );

export const RegistrationType = builder.objectRef<RegistrationRow>('EmploymentRegistration').implement({
  description: '就业失业登记: a registration as unemployed, with its certificate (就业失业登记证) number.',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    certificateNumber: t.string({
      nullable: true,
      resolve: async (r, _a, ctx, info) => reveal(ctx, info, (await residentLoader(ctx).load(r.residentId))!, () => r.certificateNumber),
    }),
    registeredOn: t.expose('registeredOn', { type: 'Date' }),
    registeredBy: t.exposeString('registeredBy'),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true }),
    closeReason: t.exposeString('closeReason', { nullable: true, description: 'The status that ended it (EMPLOYED, MIGRATED, …).' }),
    resident: t.field({ type: ResidentRef, resolve: async (r, _a, ctx) => (await residentLoader(ctx).load(r.residentId))! }),
  }),
});

builder.objectFields(ResidentRef, (t) => ({
  registration: t.field({
    type: RegistrationType,
    nullable: true,
    description: 'The open unemployment registration, if any.',
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, async () => (await registrationsLoader(ctx).load(r.id)).find((x) => x.closedOn === null) ?? null),
  }),
  registrations: t.field({
    type: [RegistrationType],
    nullable: true,
    description: 'Every unemployment registration, newest first.',
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => registrationsLoader(ctx).load(r.id)),
  }),
}));

const EmploymentKindEnum = builder.enumType('EmploymentKind', {
  values: ['EMPLOYED', 'FLEXIBLE', 'SELF_EMPLOYED', 'PUBLIC_WELFARE'] as const,
});
const ExitReasonEnum = builder.enumType('ExitReason', { values: ['RETIRED', 'MOVED_AWAY', 'DECEASED'] as const });

builder.mutationFields((t) => ({
  registerUnemployment: t.field({
    type: RegistrationType,
    authScopes: { staff: true },
    description: 'Registers a person as unemployed and issues the certificate number; the "311" service clock starts.',
    args: {
      residentId: t.arg.id({ required: true }),
      registeredOn: t.arg({ type: 'Date', required: false, description: 'Defaults to today.' }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: registrations }, async (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const today = todayIso();
        const on = args.registeredOn ?? today;
        const person = await lockResident(tx, ctx.viewer, String(args.residentId));
        if (!isWorkingAge(person, on)) {
          throw new HubError(ErrorCode.CONFLICT, `${person.name} is not of working age, so cannot be registered as unemployed.`);
        }
        const [open] = await tx.select().from(registrations).where(and(eq(registrations.residentId, person.id), isNull(registrations.closedOn)));
        if (open) {
          throw new HubError(ErrorCode.CONFLICT, `${person.name} is already registered as unemployed (certificate ${open.certificateNumber}).`);
        }
        const by = actorOf(ctx.viewer);
        if (on > today) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A registration cannot be dated in the future.', { field: 'registeredOn' });
        // The registration first, so the status change that follows publishes it with the person.
        const certificateNumber = await nextCertificateNumber(tx, person.communityCode.slice(0, 6), Number(on.slice(0, 4)));
        const [row] = await tx.insert(registrations).values({ residentId: person.id, certificateNumber, registeredOn: on, registeredBy: by }).returning();
        if (person.employmentStatus !== 'UNEMPLOYED') {
          await applyStatusChange(tx, ctx.viewer, { residentId: person.id, next: 'UNEMPLOYED', effectiveOn: on, event: 'UNEMPLOYMENT_REGISTERED', details: { certificateNumber } }, by);
        } else {
          await recordEvents(tx, [{ residentId: person.id, kind: 'UNEMPLOYMENT_REGISTERED', effectiveOn: on, by, details: { certificateNumber } }]);
          await syncCases(tx, [person.householdId], on, by);
        }
        return row!;
      })),
  }),
  recordEmployment: t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'Records that a person started work; closes their unemployment registration and, when that ends it, their assistance case.',
    args: {
      residentId: t.arg.id({ required: true }),
      kind: t.arg({ type: EmploymentKindEnum, required: true }),
      startedOn: t.arg({ type: 'Date', required: false, description: 'Defaults to today.' }),
      employerId: t.arg.id({ required: false, description: 'The employer, if registered in the hub.' }),
    },
    resolve: (_root, args, ctx) => {
      const employerId = args.employerId == null ? null : String(args.employerId);
      if (employerId !== null && !isUuid(employerId)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not an employer id.', { field: 'employerId' });
      }
      return ctx.db.transaction((tx) =>
        applyStatusChange(tx, ctx.viewer, {
          residentId: String(args.residentId),
          next: args.kind,
          effectiveOn: args.startedOn ?? todayIso(),
          event: 'EMPLOYED',
          details: { employerId },
          set: { employerId },
        }),
      );
    },
  }),
  recordMigration: t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: '转移就业: the person went to work elsewhere.',
    args: {
      residentId: t.arg.id({ required: true }),
      destination: t.arg.string({ required: true, description: 'Where to, e.g. 大连市甘井子区.' }),
      since: t.arg({ type: 'Date', required: false, description: 'Defaults to today.' }),
    },
    resolve: (_root, args, ctx) => {
      const destination = args.destination.trim();
      if (destination.length < 2 || destination.length > 100) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'Say where the person went to work (2 to 100 characters).', { field: 'destination' });
      }
      return ctx.db.transaction((tx) =>
        applyStatusChange(tx, ctx.viewer, {
          residentId: String(args.residentId),
          next: 'MIGRATED',
          effectiveOn: args.since ?? todayIso(),
          event: 'MIGRATED',
          details: { destination },
          set: { migrationDestination: destination },
        }),
      );
    },
  }),
  recordExit: t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'The person leaves the register: retired, moved away or deceased.',
    args: {
      residentId: t.arg.id({ required: true }),
      reason: t.arg({ type: ExitReasonEnum, required: true }),
      on: t.arg({ type: 'Date', required: false, description: 'Defaults to today.' }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction((tx) =>
        applyStatusChange(tx, ctx.viewer, { residentId: String(args.residentId), next: args.reason, effectiveOn: args.on ?? todayIso(), event: 'EXITED' }),
      ),
  }),
}));
