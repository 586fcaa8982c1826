import { and, eq } from 'drizzle-orm';
import { actorOf, ErrorCode, HubError, todayIso } from '@hub/common';
import { builder } from '../builder';
import { groupDeclarations, idempotencyKeys, residents } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { syncCases } from '../cases/sync';
import { recordEvents } from '../register/history';
import { checkEvidence } from '../register/normalise';
import { lockResident } from '../register/status';
import { DeclaredGroupEnum } from './enums';
import { ResidentRef } from './household';

builder.mutationFields((t) => ({
  declareDifficultyGroup: t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'Declares a group the register cannot derive (disabled, graduate of a poor family), with the evidence seen.',
    args: {
      residentId: t.arg.id({ required: true }),
      group: t.arg({ type: DeclaredGroupEnum, required: true }),
      evidence: t.arg.string({ required: true }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: residents }, async (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const evidence = checkEvidence(args.evidence);
        const person = await lockResident(tx, ctx.viewer, String(args.residentId));
        const by = actorOf(ctx.viewer);
        const today = todayIso();
        await tx
          .insert(groupDeclarations)
          .values({ residentId: person.id, group: args.group, evidence, declaredOn: today, declaredBy: by })
          .onConflictDoUpdate({ target: [groupDeclarations.residentId, groupDeclarations.group], set: { evidence, declaredOn: today, declaredBy: by } });
        await recordEvents(tx, [{ residentId: person.id, kind: 'GROUP_DECLARED', effectiveOn: today, by, details: { group: args.group, evidence } }]);
        await syncCases(tx, [person.householdId], today, by);
        return person;
      })),
  }),
  withdrawDifficultyGroup: t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    args: {
      residentId: t.arg.id({ required: true }),
      group: t.arg({ type: DeclaredGroupEnum, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const reason = args.reason.trim();
        if (reason.length < 2) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Say why the group is withdrawn.', { field: 'reason' });
        const person = await lockResident(tx, ctx.viewer, String(args.residentId));
        const removed = await tx
          .delete(groupDeclarations)
          .where(and(eq(groupDeclarations.residentId, person.id), eq(groupDeclarations.group, args.group)))
          .returning();
        if (!removed.length) throw new HubError(ErrorCode.CONFLICT, `${person.name} has no ${args.group} declaration to withdraw.`);
        const by = actorOf(ctx.viewer);
        const today = todayIso();
        await recordEvents(tx, [{ residentId: person.id, kind: 'GROUP_WITHDRAWN', effectiveOn: today, by, details: { group: args.group, reason } }]);
        await syncCases(tx, [person.householdId], today, by);
        return person;
      }),
  }),
}));
