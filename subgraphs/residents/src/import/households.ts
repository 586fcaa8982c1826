/**
 * Consecutive rows of one household (同户) gathered and checked together: a household is taken
 * whole or not at all, so the register never holds half a family.
 */
import { label, type SurveyField } from './headings';
import type { SourceRow } from './reader';
import { checkCommunityCode, checkRow, compact } from './rows';
import type { RowError, SurveyHousehold, SurveyMember } from './types';

export type HouseholdOutcome = { household: SurveyHousehold } | { errors: RowError[] };

interface Group {
  /** null for rows before any household, with no 户号 (or address) of their own. */
  key: string | null;
  rows: SourceRow[];
  /** Where the same household already appeared, when its rows are not together. */
  seenAt: number | null;
}

const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

export class HouseholdGrouper {
  /** Households formed so far, good or bad. */
  count = 0;
  private current: Group | null = null;
  private readonly keysSeen = new Map<string, number>();
  /** Every valid identity number in the file and its row, to refuse a person listed twice. */
  private readonly identities = new Map<string, number>();
  private readonly byNumber: boolean;

  constructor(
    private readonly columns: ReadonlySet<SurveyField>,
    private readonly today = new Date(),
  ) {
    this.byNumber = columns.has('householdNumber');
  }

  /** Adds a row; returns the household it closed, if any. */
  push(row: SourceRow): HouseholdOutcome | null {
    const key = this.keyOf(row);
    // A row without a key continues the household above: its cells were merged in Excel.
    if (this.current && (key === null || key === this.current.key)) {
      this.current.rows.push(row);
      return null;
    }
    const closed = this.close();
    const seenAt = key === null ? undefined : this.keysSeen.get(key);
    if (key !== null && seenAt === undefined) this.keysSeen.set(key, row.rowNumber);
    this.current = { key, rows: [row], seenAt: seenAt ?? null };
    return closed;
  }

  end(): HouseholdOutcome | null {
    return this.close();
  }

  private keyOf(row: SourceRow): string | null {
    if (this.byNumber) return compact(row.cells.householdNumber ?? '') || null;
    const community = compact(row.cells.communityCode ?? '');
    const address = tidy(row.cells.address);
    return community || address ? `${community} ${address}` : null;
  }

  private close(): HouseholdOutcome | null {
    const group = this.current;
    this.current = null;
    if (!group) return null;
    this.count++;
    return this.settle(group);
  }

  private settle(group: Group): HouseholdOutcome {
    const head = group.rows[0]!;
    const errors = new Map<number, RowError[]>();
    const fail = (row: SourceRow, field: SurveyField | null, reason: string) => {
      const value = field ? row.cells[field]?.trim() || null : null;
      const list = errors.get(row.rowNumber) ?? [];
      list.push({ rowNumber: row.rowNumber, column: field && label(field), value, reason });
      errors.set(row.rowNumber, list);
    };

    const members: SurveyMember[] = [];
    const shared = new SharedCells(fail);
    for (const row of group.rows) {
      const checked = checkRow(row, this.today);
      if (checked.errors.length) errors.set(row.rowNumber, checked.errors);
      shared.read(row);
      if (checked.identityNumber) {
        const earlier = this.identities.get(checked.identityNumber);
        if (earlier === undefined) this.identities.set(checked.identityNumber, row.rowNumber);
        else fail(row, 'identityNumber', `身份证号与第${earlier}行重复，同一人只能登记一次`);
      }
      if (checked.member) members.push(checked.member);
    }

    // Rows cut off from their household lack its cells too; saying so once is enough.
    if (group.key === null) {
      fail(head, null, this.byNumber ? '户号为空，无法确定属于哪一户' : '社区代码和家庭住址为空，无法确定属于哪一户');
    } else if (group.seenAt !== null) {
      fail(head, this.byNumber ? 'householdNumber' : 'address', `这一户已在第${group.seenAt}行出现，同一户的成员须填在相邻的行`);
    } else {
      if (!shared.communityGiven) fail(head, null, '社区代码为空');
      if (this.columns.has('address') && !shared.address) fail(head, null, '家庭住址为空');
    }

    if (errors.size) {
      const bad = [...errors.keys()].sort((a, b) => a - b).join('、');
      return {
        errors: group.rows.flatMap(
          (row) =>
            errors.get(row.rowNumber) ?? [{ rowNumber: row.rowNumber, column: null, value: null, reason: `同户第${bad}行有误，整户未导入` }],
        ),
      };
    }
    return {
      household: {
        key: this.byNumber ? group.key! : `${shared.communityCode} ${shared.address}`,
        firstRow: head.rowNumber,
        communityCode: shared.communityCode!,
        address: shared.address ?? '',
        situation: shared.situations.join('；') || null,
        members,
      },
    };
  }
}

/**
 * 社区代码, 家庭住址 and 家庭状况 belong to the household: usually on its first row, or on every
 * row, but never different on two rows. 家庭状况 is free text, so differing notes are kept together.
 */
class SharedCells {
  /** The valid code, once read; null while none is given or when the one given is wrong. */
  communityCode: string | null = null;
  communityGiven = false;
  address: string | null = null;
  readonly situations: string[] = [];
  private communityRow = 0;
  private addressRow = 0;

  constructor(private readonly fail: (row: SourceRow, field: SurveyField | null, reason: string) => void) {}

  read(row: SourceRow): void {
    const code = compact(row.cells.communityCode ?? '');
    if (code && !this.communityGiven) {
      this.communityGiven = true;
      this.communityRow = row.rowNumber;
      const checked = checkCommunityCode(code);
      if ('code' in checked) this.communityCode = checked.code;
      else this.fail(row, 'communityCode', checked.reason);
    } else if (code && this.communityCode !== null && code !== this.communityCode) {
      this.fail(row, 'communityCode', `社区代码与同户第${this.communityRow}行不一致`);
    }

    const address = tidy(row.cells.address);
    if (address && this.address === null) {
      this.address = address;
      this.addressRow = row.rowNumber;
    } else if (address && address !== this.address) {
      this.fail(row, 'address', `家庭住址与同户第${this.addressRow}行不一致`);
    }

    const situation = row.cells.situation?.trim();
    if (situation && !this.situations.includes(situation)) this.situations.push(situation);
  }
}
