import { EMPLOYED_STATUSES, ErrorCode, EXIT_STATUSES, HubError, type EmploymentStatus } from '@hub/common';

const IN_WORK = [...EMPLOYED_STATUSES];
const EXITS = [...EXIT_STATUSES];

/**
 * Which status may follow which. Work, unemployment, migration and leaving the labour force
 * move freely among each other; exits are final, except that a retired person may still move
 * away or die.
 */
const ALLOWED: Record<EmploymentStatus, EmploymentStatus[]> = {
  UNEMPLOYED: [...IN_WORK, ...EXITS, 'NOT_IN_LABOUR_FORCE'],
  EMPLOYED: [...IN_WORK, 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', ...EXITS],
  FLEXIBLE: [...IN_WORK, 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', ...EXITS],
  SELF_EMPLOYED: [...IN_WORK, 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', ...EXITS],
  PUBLIC_WELFARE: [...IN_WORK, 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', ...EXITS],
  MIGRATED: [...IN_WORK, 'UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', ...EXITS],
  NOT_IN_LABOUR_FORCE: [...IN_WORK, 'UNEMPLOYED', ...EXITS],
  RETIRED: ['MOVED_AWAY', 'DECEASED'],
  MOVED_AWAY: [],
  DECEASED: [],
};

const WORDS: Record<EmploymentStatus, string> = {
  UNEMPLOYED: 'unemployed',
  EMPLOYED: 'employed',
  FLEXIBLE: 'in flexible employment',
  SELF_EMPLOYED: 'self-employed',
  PUBLIC_WELFARE: 'in a public-welfare position',
  MIGRATED: 'working away',
  NOT_IN_LABOUR_FORCE: 'outside the labour force',
  RETIRED: 'retired',
  MOVED_AWAY: 'moved away',
  DECEASED: 'deceased',
};

export const statusWords = (status: EmploymentStatus) => WORDS[status];

/** Refuses an impossible move, or one dated before the current status began or after today. */
export function checkTransition(
  person: { name: string; employmentStatus: EmploymentStatus; statusSince: string },
  next: EmploymentStatus,
  effectiveOn: string,
  today: string,
) {
  if (!ALLOWED[person.employmentStatus].includes(next)) {
    throw new HubError(
      ErrorCode.CONFLICT,
      `${person.name} is ${WORDS[person.employmentStatus]}; that cannot change to ${WORDS[next]}.`,
      { from: person.employmentStatus, to: next },
    );
  }
  if (effectiveOn > today) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A change cannot take effect in the future.', { field: 'effectiveOn' });
  if (effectiveOn < person.statusSince) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `${person.name} has been ${WORDS[person.employmentStatus]} since ${person.statusSince}; a change cannot take effect before that.`,
      { field: 'effectiveOn' },
    );
  }
}
