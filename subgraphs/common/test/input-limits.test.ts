import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileArgumentCheck, DEFAULT_LIST_LIMIT, DEFAULT_TEXT_LIMIT, LIST_LIMITS, NUMBER_LIMITS, quote, TEXT_LIMITS } from '../src/input-limits';

/**
 * The input limits on their own, table-driven: each row is arguments a client could send and what
 * the check says. The same check runs before every resolver of every subgraph (builder.ts); the
 * tests through the gateway are in test/security/bad-input.test.ts.
 */

const schema = buildSchema(`
  input SkillInput { name: String!, certificateLevel: Int }
  input MemberInput { name: String!, skills: [SkillInput!], keywords: [String!], monthlyIncome: Int, comment: String }
  input SurveyInput { householdId: ID!, communityCode: ID, members: [MemberInput!]!, note: String, tags: [String!] }
  input Node { label: String, next: Node }
  type Query {
    survey(input: SurveyInput!): Int
    course(id: ID!, fee: Int, description: String, since: String): Int
    chain(start: Node): Int
    plain: Int
  }
`);
const argsOf = (field: string) => schema.getQueryType()!.getFields()[field]!.args;
const check = (field: string, values: Record<string, unknown>) => {
  try {
    compileArgumentCheck(argsOf(field))?.(values);
    return 'ok';
  } catch (error) {
    const e = error as { message: string; extensions: { code: string; field: string } };
    return { code: e.extensions.code, field: e.extensions.field, message: e.message };
  }
};

const ID = '0f8e4a2c-5b1d-4c3e-9a7f-6d2b8c1e0a94';
const member = (extra: Record<string, unknown> = {}) => ({ name: '张伟', ...extra });
const survey = (extra: Record<string, unknown> = {}) => ({ input: { householdId: ID, members: [member()], ...extra } });

describe('input limits', () => {
  const refused = (field: string, message: RegExp) => ({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });

  it.each([
    ['a household as a coordinator types it', 'survey', survey({ communityCode: '211402001001', note: '户主在外务工\n春节回乡' }), 'ok'],
    ['a name at its limit', 'survey', survey({ members: [member({ name: '张'.repeat(TEXT_LIMITS.name!) })] }), 'ok'],
    ['a name one character over', 'survey', survey({ members: [member(), member({ name: '张'.repeat(TEXT_LIMITS.name! + 1) })] }), refused('members[1].name', /^members\[1\]\.name is too long: at most 100 characters, this has 101\.$/)],
    ['a description of 10,000 characters (one word) is taken', 'course', { id: ID, description: 'a'.repeat(10_000) }, 'ok'],
    ['a description of 120,000 characters is not', 'course', { id: ID, description: 'a'.repeat(120_000) }, refused('description', /at most 10,000 characters, this has 120,000/)],
    ['a description of a megabyte is not', 'course', { id: ID, description: 'a'.repeat(1_000_000) }, refused('description', /at most 10,000 characters, this has 1,000,000/)],
    ['a field the table does not name gets the default', 'survey', survey({ members: [member({ comment: 'x'.repeat(DEFAULT_TEXT_LIMIT + 1) })] }), refused('members[0].comment', /at most 200 characters/)],
    ['a skill name in a nested list', 'survey', survey({ members: [member({ skills: [{ name: '电工'.repeat(30) }] })] }), refused('members[0].skills[0].name', /at most 50 characters/)],
    ['each keyword is bounded by its own name', 'survey', survey({ members: [member({ keywords: ['包吃住', 'k'.repeat(TEXT_LIMITS.keywords! + 1)] })] }), refused('members[0].keywords[1]', /at most 50 characters/)],
    ['20,000 keywords', 'survey', survey({ members: [member({ keywords: Array(20_000).fill('保洁') })] }), refused('members[0].keywords', /has 20,000 items; at most 20/)],
    ['10,000 members', 'survey', survey({ members: Array(10_000).fill(member()) }), refused('members', /at most 30/)],
    ['a list the table does not name gets the default', 'survey', survey({ tags: Array(DEFAULT_LIST_LIMIT + 1).fill('t') }), refused('tags', /at most 100/)],
    ['a NUL byte', 'survey', survey({ note: 'abc\u0000def' }), refused('note', /control character \(such as NUL\)/)],
    ['an escape character', 'course', { id: ID, description: 'red \u001b[31m' }, refused('description', /control character/)],
    ['a right-to-left override in a name', 'survey', survey({ members: [member({ name: '葫芦岛\u202Egpj.exe' })] }), refused('members[0].name', /reverses the direction/)],
    ['half of a surrogate pair', 'survey', survey({ note: 'a\uD800b' }), refused('note', /broken character/)],
    ['a character outside the BMP is fine', 'survey', survey({ members: [member({ name: '𠮷野' })] }), 'ok'],
    ['a non-UUID id', 'course', { id: 'abc' }, refused('id', /^id "abc" is not a record id/)],
    ['a non-UUID id inside an input', 'survey', { input: { householdId: "1' or '1'='1", members: [member()] } }, refused('householdId', /is not a record id/)],
    ['a region code is left to the region check', 'survey', survey({ communityCode: 'abc' }), 'ok'],
    ['a region code of a megabyte is not', 'survey', survey({ communityCode: '2'.repeat(1_000_000) }), refused('communityCode', /at most 32 characters/)],
    ['a fee of 2^31-1 yuan', 'course', { id: ID, fee: 2 ** 31 - 1 }, refused('fee', /from 0 to 100,000; 2147483647 is outside that/)],
    ['a negative income', 'survey', survey({ members: [member({ monthlyIncome: -5 })] }), refused('members[0].monthlyIncome', /from 0 to 10,000,000/)],
    ['null and absent values are left to the schema', 'survey', survey({ note: null, tags: undefined }), 'ok'],
  ])('%s', (_what, field, values, expected) => {
    expect(check(field, values)).toEqual(expected);
  });

  it('never echoes a long input back', () => {
    const result = check('course', { id: `${'9'.repeat(1_000_000)}` }) as { message: string };
    expect(result.message.length).toBeLessThan(150);
    expect(quote('一二三四五六七八九十一二三四五六七八九十一二')).toBe('"一二三四五六七八九十一二三四五六七八九十…"');
    expect(quote('short')).toBe('"short"');
  });

  it('compiles input types that contain themselves, and nothing for fields without arguments', () => {
    expect(check('chain', { start: { label: 'a', next: { label: 'b', next: { label: 'x'.repeat(201) } } } })).toEqual(refused('start.next.next.label', /too long/));
    expect(compileArgumentCheck(argsOf('plain'))).toBeUndefined();
  });

  it('has a ceiling for every bounded number at or above its floor, and limits that are positive', () => {
    for (const [name, { min, max }] of Object.entries(NUMBER_LIMITS)) expect(max, name).toBeGreaterThan(min);
    for (const [name, max] of Object.entries({ ...TEXT_LIMITS, ...LIST_LIMITS })) expect(max, name).toBeGreaterThan(0);
  });
});
