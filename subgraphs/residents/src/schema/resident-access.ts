import { canSeePersonalData } from '@hub/common';
import type { ResidentsContext } from '../builder';

/** Personal data is shown only to staff whose region contains the person's community. */
export const mayReadPersonal = (ctx: ResidentsContext, communityCode: string) =>
  canSeePersonalData(ctx.viewer, communityCode);

export const isStaff = (ctx: ResidentsContext) => ctx.viewer?.role === 'ADMIN' || ctx.viewer?.role === 'COORDINATOR';

/** 211402********0018: enough to recognise a record, not enough to misuse it. */
export function maskIdentityNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

export function maskPhone(value: string): string {
  return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}
