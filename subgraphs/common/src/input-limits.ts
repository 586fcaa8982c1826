import type { GraphQLArgument, GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull, GraphQLScalarType } from 'graphql';
import { ErrorCode, HubError } from './errors';
import { isUuid } from './identifiers';

/**
 * Bounds on what a client may send, checked in every subgraph before any resolver runs: every
 * string and list argument and input field, at any depth, has a maximum length that fits its
 * meaning, and numbers that are money or counts have ceilings. Looked up by the argument's or
 * input field's name, with a default for every string and every list, so a field added tomorrow
 * is bounded too. A bigger value is a typing mistake or an attack; either way it is refused with
 * BAD_USER_INPUT and never reaches the database, the search engine or an error message.
 */

/**
 * Longest text by name, in characters; for a list of strings, of each one. A name qualified by
 * its input type (`SkillInput.name`) comes before the plain name.
 */
export const TEXT_LIMITS: Record<string, number> = {
  // people and organisations
  name: 100,
  contactName: 50,
  helper: 50,
  phone: 20,
  contactPhone: 20,
  identityNumber: 30,
  creditCode: 30,
  address: 200,
  industry: 100,
  // work, skills and training
  title: 100,
  // A job advert or course outline with its full terms pasted in: a few pages, not a book.
  description: 10_000,
  occupation: 50,
  occupations: 50,
  targetOccupation: 50,
  trade: 50,
  trades: 50,
  skills: 50,
  'SkillInput.name': 50,
  mustHaveSkills: 50,
  niceToHaveSkills: 50,
  keywords: 50,
  schedule: 500,
  genderReason: 500,
  accreditationNumber: 50,
  certificateNumber: 50,
  // places
  destination: 200,
  migrationDestination: 200,
  districtCodes: 12,
  // what staff write down
  situation: 2_000,
  evidence: 1_000,
  note: 2_000,
  reason: 1_000,
  answer: 2_000,
  // subsidies: rules and amounts as JSON, signed assessments, references
  rule: 20_000,
  amount: 2_000,
  legalBasis: 2_000,
  assessment: 8_000,
  reference: 100,
  kind: 50,
  period: 10,
  code: 50,
  policyCode: 50,
  // searching, paging, retrying
  query: 200,
  search: 100,
  after: 100,
  since: 100,
  idempotencyKey: 100,
};
export const DEFAULT_TEXT_LIMIT = 200;

/** Most items in a list, by name. */
export const LIST_LIMITS: Record<string, number> = {
  members: 30,
  skills: 50,
  mustHaveSkills: 30,
  niceToHaveSkills: 30,
  keywords: 20,
  occupations: 10,
  districtCodes: 20,
  trades: 100,
  documents: 20,
  declaredGroups: 10,
  difficultyGroups: 10,
  employerIds: 100,
  vacancyIds: 200,
  // a year's plan: occupations × twelve months
  lines: 600,
};
export const DEFAULT_LIST_LIMIT = 100;

/** The range of whole numbers, by name: money in yuan (or fen where the name says so) and counts. */
export const NUMBER_LIMITS: Record<string, { min: number; max: number }> = {
  wageMin: { min: 0, max: 1_000_000 },
  wageMax: { min: 0, max: 1_000_000 },
  minMonthlyWage: { min: 0, max: 1_000_000 },
  monthlyIncome: { min: 0, max: 10_000_000 },
  fee: { min: 0, max: 100_000 },
  baseFen: { min: 0, max: 1_000_000_000 },
  headcount: { min: 0, max: 10_000 },
  capacity: { min: 0, max: 10_000 },
  hours: { min: 0, max: 10_000 },
  committedHires: { min: 0, max: 10_000 },
  hardToEmployHires: { min: 0, max: 100_000 },
  orderedTrainingGraduates: { min: 0, max: 100_000 },
  accreditedCoursesPassed: { min: 0, max: 1_000 },
  age: { min: 0, max: 150 },
  ageMin: { min: 0, max: 150 },
  ageMax: { min: 0, max: 150 },
  monthsUnemployed: { min: 0, max: 1_200 },
  waitingOlderThanDays: { min: 0, max: 3_650 },
  offset: { min: 0, max: 10_000 },
  year: { min: 1900, max: 2100 },
};

/** Control characters other than tab and line breaks: NUL and its kind break drivers and logs. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair: no character at all, and text that no encoder can write. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidirectional formatting characters: they reorder how a name is shown (U+202E makes "gpj.exe" of "exe.jpg"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** At most `max` characters of `value` in quotes, for an error message that must not echo an input back. */
export function quote(value: string, max = 20): string {
  const chars = Array.from(value.length > 4 * max ? value.slice(0, 4 * max) : value);
  return chars.length > max ? `"${chars.slice(0, max).join('')}…"` : `"${value}"`;
}

/** Why a text cannot be taken as it is, or undefined when it can. */
export function textProblem(value: string, max: number): string | undefined {
  if (value.length > max) return `is too long: at most ${max.toLocaleString('en')} characters, this has ${value.length.toLocaleString('en')}`;
  if (LONE_SURROGATE.test(value)) return 'holds a broken character (half of a surrogate pair)';
  if (CONTROL.test(value)) return 'holds a control character (such as NUL); remove it and type the text again';
  if (BIDI.test(value)) return 'holds a character that reverses the direction of text; remove it and type the text again';
  return undefined;
}

/** Region codes travel as IDs but are digits checked where they are used; other IDs name records and are UUIDs. */
const isCodeName = (name: string) => name === 'code' || /Codes?$/.test(name);

type Check = (value: unknown, path: string) => void;

const refuse = (path: string, message: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field: path });
const label = (path: string) => path || 'The value';

function textCheck(name: string, owner: string | undefined, isId: boolean): Check {
  const max = TEXT_LIMITS[`${owner}.${name}`] ?? TEXT_LIMITS[name] ?? (isId && isCodeName(name) ? 32 : DEFAULT_TEXT_LIMIT);
  return (value, path) => {
    if (typeof value !== 'string') return;
    const problem = textProblem(value, max);
    if (problem) throw refuse(path, `${label(path)} ${problem}.`);
    if (isId && !isCodeName(name) && !isUuid(value)) {
      throw refuse(path, `${label(path)} ${quote(value)} is not a record id: ids look like 0f8e4a2c-5b1d-4c3e-9a7f-6d2b8c1e0a94.`);
    }
  };
}

function numberCheck(name: string, owner: string | undefined): Check | undefined {
  const range = NUMBER_LIMITS[`${owner}.${name}`] ?? NUMBER_LIMITS[name];
  if (!range) return undefined;
  return (value, path) => {
    if (typeof value === 'number' && (value < range.min || value > range.max)) {
      throw refuse(path, `${label(path)} must be from ${range.min.toLocaleString('en')} to ${range.max.toLocaleString('en')}; ${value} is outside that.`);
    }
  };
}

/**
 * The check for a value of `type` under `name`, or undefined when nothing about it is bounded.
 * Input object types are compiled once each (the cache also ends recursion through types that
 * contain themselves).
 */
/**
 * The kind of a type by its tag rather than `instanceof`: the schema may come from the other copy
 * of graphql (its CommonJS build beside the ES module one), whose classes `isListType` refuses.
 */
const kindOf = (type: GraphQLInputType) => (type as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];

function compile(type: GraphQLInputType, name: string, owner: string | undefined, objects: Map<string, Check | undefined>): Check | undefined {
  const inner = kindOf(type) === 'GraphQLNonNull' ? (type as GraphQLNonNull<GraphQLInputType>).ofType : type;
  const kind = kindOf(inner);
  if (kind === 'GraphQLList') {
    const list = inner as GraphQLList<GraphQLInputType>;
    const max = LIST_LIMITS[`${owner}.${name}`] ?? LIST_LIMITS[name] ?? DEFAULT_LIST_LIMIT;
    const item = compile(list.ofType, name, owner, objects);
    return (value, path) => {
      if (!Array.isArray(value)) return item?.(value, path);
      if (value.length > max) throw refuse(path, `${label(path)} has ${value.length.toLocaleString('en')} items; at most ${max} are taken at once.`);
      if (item) value.forEach((v, i) => item(v, `${path}[${i}]`));
    };
  }
  if (kind === 'GraphQLScalarType') {
    const scalar = (inner as GraphQLScalarType).name;
    if (scalar === 'String' || scalar === 'ID') return textCheck(name, owner, scalar === 'ID');
    if (scalar === 'Int' || scalar === 'Float') return numberCheck(name, owner);
    return undefined;
  }
  if (kind === 'GraphQLInputObjectType') {
    const input = inner as GraphQLInputObjectType;
    if (!objects.has(input.name)) {
      objects.set(input.name, undefined);
      const fields = Object.values(input.getFields()).flatMap((field) => {
        const check = compile(field.type, field.name, input.name, objects);
        return check ? [{ name: field.name, check }] : [];
      });
      objects.set(input.name, (value, path) => {
        if (!value || typeof value !== 'object') return;
        const record = value as Record<string, unknown>;
        for (const field of fields) {
          if (record[field.name] != null) field.check(record[field.name], path ? `${path}.${field.name}` : field.name);
        }
      });
    }
    return (value, path) => objects.get(input.name)?.(value, path);
  }
  return undefined;
}

/**
 * One check for all the arguments of a field, or undefined when none is bounded. Paths name the
 * field as a client wrote it: `members[2].name`, `filter.employerIds[0]`; the conventional
 * `input` argument is left out of the path.
 */
export function compileArgumentCheck(args: readonly GraphQLArgument[]): ((values: Record<string, unknown>) => void) | undefined {
  const objects = new Map<string, Check | undefined>();
  const checks = args.flatMap((arg) => {
    const check = compile(arg.type, arg.name, undefined, objects);
    return check ? [{ name: arg.name, check }] : [];
  });
  if (!checks.length) return undefined;
  return (values) => {
    for (const { name, check } of checks) {
      if (values[name] != null) check(values[name], name === 'input' ? '' : name);
    }
  };
}
