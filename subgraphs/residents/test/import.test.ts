import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buildSchema, graphql } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { identityCheckDigit } from '@hub/common/identifiers';
import { graphqlApplier, type GraphQLResponse } from '../../../scripts/import-survey';
import { generateDemoData } from '../../../scripts/demo/generate';
import { estimateRows, importSurvey, openSurvey, SurveyFileError, type SurveyHousehold } from '../src/import/index';
import { ID_STORED_AS_NUMBER, type SourceRow } from '../src/import/reader';
import { checkRow } from '../src/import/rows';
import { SAMPLE_COMMUNITIES, SAMPLE_TODAY, writeSampleSurvey, type BadRowKind } from '../src/import/sample';

const dir = mkdtempSync(path.join(os.tmpdir(), 'survey-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

/** An apply that keeps what it is given, as the database would. */
function recorder() {
  const households: SurveyHousehold[] = [];
  const apply = async (household: SurveyHousehold) => {
    households.push(household);
    return { created: household.members.length, updated: 0 };
  };
  return { households, apply };
}

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
function writeCsv(name: string, rows: string[][]): string {
  writeFileSync(file(name), `\ufeff${rows.map(csvLine).join('\r\n')}\r\n`);
  return file(name);
}

/** A valid identity number from its first 17 digits: region, birth date, sequence (odd: male). */
const id = (first17: string) => first17 + identityCheckDigit(first17);
const MAN = id('21140219800101001');
const WOMAN = id('21140219820202002');
const CHILD = id('21140220050303003');
const OTHER = id('21148119750404004');

const HEADINGS = ['户号', '社区代码', '家庭住址', '姓名', '身份证号', '联系电话', '就业状态'];

function readReport(reportPath: string): string[][] {
  const bytes = readFileSync(reportPath);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes, { bom: true }) as string[][];
}

describe('the sample survey', () => {
  it('reads the same households from CSV and XLSX, as the demo generator made them', async () => {
    const sample = { rows: 1500, seed: 11 };
    await writeSampleSurvey(file('same.csv'), { ...sample, format: 'csv' });
    await writeSampleSurvey(file('same.xlsx'), { ...sample, format: 'xlsx' });
    const csv = recorder();
    const xlsx = recorder();
    const fromCsv = await importSurvey({ path: file('same.csv') }, csv.apply);
    // XLSX from memory, with households merged down their rows in Excel.
    const fromXlsx = await importSurvey({ content: readFileSync(file('same.xlsx')), format: 'xlsx' }, xlsx.apply);

    expect(fromCsv).toMatchObject({ rows: 1500, errorRows: 0, skippedHouseholds: 0, created: 1500, errorReportPath: null });
    expect(fromXlsx).toMatchObject({ rows: 1500, households: fromCsv.households, imported: fromCsv.imported, errorRows: 0 });
    expect(xlsx.households).toEqual(csv.households);

    const demo = generateDemoData({ ...sample, residents: sample.rows, communities: SAMPLE_COMMUNITIES, today: SAMPLE_TODAY,
      employers: 0, vacancies: 0, centres: 0, courses: 0 });
    expect(csv.households.map((h) => ({ communityCode: h.communityCode, address: h.address, members: h.members.map(
      ({ name, identityNumber, gender, birthDate, phone, employmentStatus, skills, jobIntention, declaredGroups }) =>
        ({ name, identityNumber, gender, birthDate, phone, employmentStatus, skills, jobIntention, declaredGroups })) })))
      .toEqual(demo.households.map((h) => ({ ...h, members: h.members.map(({ statusSince: _s, ...m }) => m) })));
  });

  it('reports each kind of spoiled row with its reason, the same way in both formats', async () => {
    const expected: Record<BadRowKind, RegExp> = {
      checkDigit: /^身份证号校验位不正确/,
      status: /^就业状态无法识别/,
      identityAsNumber: new RegExp(`^${ID_STORED_AS_NUMBER}$`),
      phone: /^联系电话应为11位手机号/,
      birthDate: /^出生日期与身份证号不符/,
      group: /低保户/,
    };
    for (const format of ['csv', 'xlsx'] as const) {
      const sheet = await writeSampleSurvey(file(`bad.${format}`), { rows: 600, seed: 5, format, badRows: 6 });
      const { apply, households } = recorder();
      const summary = await importSurvey({ path: file(`bad.${format}`) }, apply, { errorReportPath: file(`bad-${format}.errors.csv`) });
      const report = readReport(summary.errorReportPath!);
      expect(summary.skippedHouseholds).toBe(6);
      for (const { rowNumber, kind } of sheet.badRows) {
        expect(report.find((r) => r[0] === String(rowNumber))?.[3], `${format} row ${rowNumber}`).toMatch(expected[kind]);
        expect(households.some((h) => h.members.some((m) => m.rowNumber === rowNumber))).toBe(false);
      }
      expect(summary.errorRows).toBe(report.length - 1);
    }
  });
});

describe('headings', () => {
  it('finds the heading row under a title and knows synonyms, spaces and full-width forms', async () => {
    const source = writeCsv('synonyms.csv', [
      ['葫芦岛市城乡居民家庭“五清”调查表'],
      ['　村（居）代码 ', '户 号', '家庭住址', '姓　名', '公民身份号码*', '手机号', '就业状态', '月收入（元）', '职业技能', '技能等级',
        '求职意向', '期望月薪', '意向区域', '工作时间', '转移去向', '困难类别', '备注'],
      ['２１１４０２００１００１', '1', '连山区 欣蕗园街 1号', '张  伟', MAN, '138 0429 1234', '灵活就业', '３,０００元',
        '电工（四级）、焊工 : 3', '', '电工，保安员', '3500', '211402；211481', '全职', '', '4050、残疾人', '不导入'],
      ['', '', '', '李娜', WOMAN, '0429-2123456', 'MIGRATED', '', '家庭保洁', '中级', '', '', '', '', '大连市', '', ''],
    ]);
    const { apply, households } = recorder();
    await importSurvey({ path: source }, apply);
    expect(households).toEqual([
      {
        key: '1', firstRow: 3, communityCode: '211402001001', address: '连山区 欣蕗园街 1号', situation: null,
        members: [
          {
            rowNumber: 3, name: '张伟', identityNumber: MAN, gender: 'MALE', birthDate: '1980-01-01', phone: '13804291234',
            employmentStatus: 'FLEXIBLE', monthlyIncome: 3000,
            skills: [{ name: '电工', certificateLevel: 4 }, { name: '焊工', certificateLevel: 3 }],
            jobIntention: { occupations: ['电工', '保安员'], keywords: [], districtCodes: ['211402', '211481'], minMonthlyWage: 3500, workTime: 'FULL_TIME' },
            migrationDestination: null, declaredGroups: ['DISABLED'],
          },
          {
            rowNumber: 4, name: '李娜', identityNumber: WOMAN, gender: 'FEMALE', birthDate: '1982-02-02', phone: '0429-2123456',
            employmentStatus: 'MIGRATED', monthlyIncome: null, skills: [{ name: '家庭保洁', certificateLevel: 4 }],
            jobIntention: null, migrationDestination: '大连市', declaredGroups: [],
          },
        ],
      },
    ]);
  });

  it('refuses a file without a required column, saying what is missing and what was found', async () => {
    const source = writeCsv('missing.csv', [['社区编码', '姓名', '性别', '电话'], ['211402001001', '张伟', '男', '13804291234']]);
    const attempt = importSurvey({ path: source }, recorder().apply);
    await expect(attempt).rejects.toBeInstanceOf(SurveyFileError);
    await expect(attempt).rejects.toThrow('缺少必填列：身份证号、就业状态、户号或家庭住址。表头中找到的列：社区编码、姓名、性别、电话');
  });

  it('groups by community and address when the sheet has no 户号', async () => {
    const source = writeCsv('no-number.csv', [
      ['社区代码', '家庭住址', '姓名', '身份证号', '就业状态'],
      ['211402001001', '连山区 欣蕗园街 1号', '张伟', MAN, '就业'],
      ['211402001001', '连山区 欣蕗园街 1号', '李娜', WOMAN, '退休'],
      ['211481001001', '兴城市 春和街 2号', '王强', OTHER, '失业'],
    ]);
    const { apply, households } = recorder();
    await importSurvey({ path: source }, apply);
    expect(households.map((h) => [h.key, h.members.length])).toEqual([
      ['211402001001 连山区 欣蕗园街 1号', 2],
      ['211481001001 兴城市 春和街 2号', 1],
    ]);
  });
});

describe('one row', () => {
  const row = (cells: SourceRow['cells']) =>
    checkRow({ rowNumber: 9, cells: { name: '张伟', identityNumber: MAN, employmentStatus: '就业', ...cells }, errors: [] });
  const reasons = (cells: SourceRow['cells']) => row(cells).errors.map((e) => e.reason);

  it('reads skill levels inline or from their column, and keeps other brackets in the name', () => {
    expect(row({ skills: '焊工(氩弧焊)、电工：高级技师' }).member?.skills).toEqual([
      { name: '焊工(氩弧焊)', certificateLevel: null },
      { name: '电工', certificateLevel: 1 },
    ]);
    expect(reasons({ skills: '电工(四极)' })).toEqual([expect.stringMatching(/^“电工\(四极\)”中的技能等级无法识别/)]);
    expect(reasons({ skills: '电工、焊工', skillLevel: '四级' })).toEqual([expect.stringMatching(/^有多项技能时/)]);
    expect(reasons({ skillLevel: '四级' })).toEqual(['填写了技能等级，但没有填写职业技能']);
  });

  it('holds 性别 and 出生日期 to the identity number', () => {
    expect(reasons({ gender: '女' })).toEqual(['性别与身份证号不符（身份证号为男性）']);
    expect(row({ gender: '男', birthDate: '1980年1月1日' }).member).toMatchObject({ gender: 'MALE', birthDate: '1980-01-01' });
    expect(reasons({ identityNumber: '21140219800101001' })).toEqual(['身份证号应为18位（17位数字加最后一位数字或X），这里是17位']);
    expect(reasons({ identityNumber: '211402198013010014' })).toEqual(['身份证号第7至14位（19801301）不是有效的出生日期']);
  });

  it('tidies phones and amounts, and leaves placeholders empty', () => {
    expect(row({ phone: '0429 2123456' }).member?.phone).toBe('0429-2123456');
    expect(row({ phone: '+86 138-0429-1234' }).member?.phone).toBe('13804291234');
    expect(row({ phone: '无', monthlyIncome: '/', migrationDestination: '—' }).member).toMatchObject({
      phone: null, monthlyIncome: null, migrationDestination: null,
    });
    expect(reasons({ monthlyIncome: '3000.5' })).toEqual(['月收入应为0到1000000之间的整数（元）']);
    expect(reasons({ employmentStatus: '' })).toEqual(['就业状态为空']);
  });
});

describe('households are imported whole or not at all', () => {
  it('skips a household with one bad row and reports every one of its rows', async () => {
    const badId = MAN.slice(0, 17) + (MAN[17] === '0' ? '1' : '0');
    const source = writeCsv('one-bad.csv', [
      HEADINGS,
      ['1', '211402001001', '连山区 欣蕗园街 1号', '张伟', WOMAN, '13804291234', '就业'],
      ['1', '211402001001', '连山区 欣蕗园街 1号', '张强', badId, '', '待业中'],
      ['1', '211402001001', '连山区 欣蕗园街 1号', '张小', CHILD, '', '在校学生'],
      ['2', '211481001001', '兴城市 春和街 2号', '王强', OTHER, '', '失业'],
    ]);
    const { apply, households } = recorder();
    const summary = await importSurvey({ path: source }, apply, { errorReportPath: file('one-bad.errors.csv') });
    expect(summary).toMatchObject({ rows: 4, households: 2, imported: 1, skippedHouseholds: 1, errorRows: 3 });
    expect(households.map((h) => h.key)).toEqual(['2']);
    expect(readReport(file('one-bad.errors.csv'))).toEqual([
      ['行号', '列', '值', '原因'],
      ['2', '', '', '同户第3行有误，整户未导入'],
      // The report keeps long digit strings as text in Excel with a leading tab.
      ['3', '身份证号', `\t${badId}`, '身份证号校验位不正确，可能有数字录错'],
      ['3', '就业状态', '待业中', expect.stringMatching(/^就业状态无法识别，可填：失业、/)],
      ['4', '', '', '同户第3行有误，整户未导入'],
    ]);
  });

  it('refuses the second row with an identity number already in the file', async () => {
    const source = writeCsv('duplicate.csv', [
      HEADINGS,
      ['1', '211402001001', '连山区 欣蕗园街 1号', '张伟', MAN, '', '就业'],
      ['2', '211402001002', '连山区 华怡园路 3号', '张伟', MAN, '', '就业'],
      ['2', '211402001002', '连山区 华怡园路 3号', '李娜', WOMAN, '', '就业'],
    ]);
    const { apply, households } = recorder();
    const summary = await importSurvey({ path: source }, apply, { errorReportPath: file('duplicate.errors.csv') });
    expect(households.map((h) => h.key)).toEqual(['1']);
    expect(summary.errorRows).toBe(2);
    expect(readReport(file('duplicate.errors.csv')).slice(1)).toEqual([
      ['3', '身份证号', `\t${MAN}`, '身份证号与第2行重复，同一人只能登记一次'],
      ['4', '', '', '同户第3行有误，整户未导入'],
    ]);
  });

  it('refuses a household whose rows are not together', async () => {
    const source = writeCsv('apart.csv', [
      HEADINGS,
      ['1', '211402001001', '连山区 欣蕗园街 1号', '张伟', MAN, '', '就业'],
      ['2', '211481001001', '兴城市 春和街 2号', '王强', OTHER, '', '失业'],
      ['1', '', '', '李娜', WOMAN, '', '就业'],
    ]);
    const { apply, households } = recorder();
    const summary = await importSurvey({ path: source }, apply, { errorReportPath: file('apart.errors.csv') });
    expect(households.map((h) => h.key)).toEqual(['1', '2']);
    expect(readReport(summary.errorReportPath!).slice(1)).toEqual([
      ['4', '户号', '1', '这一户已在第2行出现，同一户的成员须填在相邻的行'],
    ]);
  });

  it('reports an error thrown by apply on every row of that household, and applies the rest once', async () => {
    await writeSampleSurvey(file('apply.csv'), { rows: 400, seed: 3, format: 'csv' });
    const applied: string[] = [];
    const summary = await importSurvey(
      { path: file('apply.csv') },
      async (household) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (household.key === '5') throw new Error('社区211402001001不在本辖区');
        applied.push(household.key);
        return { created: 1, updated: household.members.length - 1 };
      },
      { concurrency: 4, errorReportPath: file('apply.errors.csv') },
    );
    const report = readReport(summary.errorReportPath!).slice(1);
    expect(report.length).toBeGreaterThan(0);
    expect(report.every((r) => r[3] === '整户未导入：社区211402001001不在本辖区')).toBe(true);
    expect(new Set(applied).size).toBe(applied.length);
    expect(summary).toMatchObject({ imported: summary.households - 1, skippedHouseholds: 1, errorRows: report.length });
    expect(summary.created + summary.updated).toBe(400 - report.length);
  });
});

describe('encodings and sizes', () => {
  it('reads a CSV saved as GB18030 (Excel on Chinese Windows) like its UTF-8 twin', async () => {
    await writeSampleSurvey(file('utf8.csv'), { rows: 300, seed: 8, format: 'csv' });
    const text = readFileSync(file('utf8.csv'), 'utf8').replace(/^\ufeff/, '');
    const gb = encodeGb18030(text);
    expect(gb.length).toBeLessThan(Buffer.byteLength(text));
    const utf8 = recorder();
    const gb18030 = recorder();
    await importSurvey({ path: file('utf8.csv') }, utf8.apply);
    await importSurvey({ content: gb, format: 'csv' }, gb18030.apply);
    expect(gb18030.households).toHaveLength(utf8.households.length);
    expect(gb18030.households).toEqual(utf8.households);
  });

  it('estimates rows for the progress bar from line breaks or the worksheet dimension', async () => {
    writeCsv('lines.csv', [HEADINGS, HEADINGS, HEADINGS]);
    expect(await estimateRows(file('lines.csv'))).toBe(2);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('五清');
    for (let i = 0; i < 251; i++) sheet.addRow(HEADINGS);
    await workbook.xlsx.writeFile(file('dimension.xlsx'));
    expect(await estimateRows(file('dimension.xlsx'))).toBe(250);
  });

  it('streams a 100,000-row CSV in bounded memory', { timeout: 180_000 }, async () => {
    await writeSampleSurvey(file('big.csv'), { rows: 100_000, seed: 2026, format: 'csv' });
    const gc = collector();

    gc();
    let started = performance.now();
    let rows = 0;
    for await (const _row of (await openSurvey({ path: file('big.csv') })).rows) rows++;
    const readerRate = rows / ((performance.now() - started) / 1000);

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let people = 0;
    started = performance.now();
    const summary = await importSurvey(
      { path: file('big.csv') },
      async (household) => {
        people += household.members.length;
        return { created: household.members.length, updated: 0 };
      },
      {
        onProgress(n) {
          if (n % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
      },
    );
    const growthMb = (peak - baseline) / 2 ** 20;

    console.log(
      `100,000-row CSV: reader alone ${Math.round(readerRate).toLocaleString('en-US')} rows/s; ` +
        `read + check + group ${Math.round(summary.rowsPerSecond).toLocaleString('en-US')} rows/s ` +
        `(${summary.households.toLocaleString('en-US')} households in ${summary.seconds.toFixed(1)} s); ` +
        `heap growth at peak ${growthMb.toFixed(1)} MB`,
    );
    expect(rows).toBe(100_000);
    expect(summary).toMatchObject({ rows: 100_000, created: 100_000, errorRows: 0 });
    expect(people).toBe(100_000);
    expect(growthMb).toBeLessThan(150);
  });
});

describe('the import script’s GraphQL applier', () => {
  /** The mutation as the residents subgraph is to have it, run by graphql-js as the real one is. */
  const hubSchema = (result: string) =>
    buildSchema(`
      enum Gender { MALE FEMALE }
      enum EmploymentStatus { UNEMPLOYED EMPLOYED FLEXIBLE SELF_EMPLOYED PUBLIC_WELFARE MIGRATED NOT_IN_LABOUR_FORCE RETIRED MOVED_AWAY DECEASED }
      enum DeclaredGroup { DISABLED POOR_FAMILY_GRADUATE }
      enum WorkTime { FULL_TIME PART_TIME EITHER }
      input SkillInput { name: String!, certificateLevel: Int }
      input JobIntentionInput { occupations: [String!]!, keywords: [String!]!, districtCodes: [ID!]!, minMonthlyWage: Int, workTime: WorkTime! }
      input SurveyMemberInput {
        name: String!, identityNumber: String!, gender: Gender!, birthDate: String!, phone: String,
        employmentStatus: EmploymentStatus!, monthlyIncome: Int, skills: [SkillInput!]!, jobIntention: JobIntentionInput,
        migrationDestination: String, declaredGroups: [DeclaredGroup!]!
      }
      input HouseholdSurveyInput { communityCode: ID!, address: String!, situation: String, members: [SurveyMemberInput!]! }
      type HouseholdSurveyResult { householdId: ID!, created: Int!, updated: Int! }
      type Query { ok: Boolean }
      type Mutation { importHouseholdSurvey(input: HouseholdSurveyInput!): ${result} }
    `);

  // Non-null: one failing alias nulls `data` and stops the aliases after it, so those before it
  // (written, answers lost: they come back as updated) and those after it go again. Nullable: one round.
  it.each([
    { result: 'HouseholdSurveyResult!', resent: 2, allNew: false },
    { result: 'HouseholdSurveyResult', resent: 0, allNew: true },
  ])('keeps one refused household from taking its batch down, with a $result result', async ({ result, resent, allNew }) => {
    const schema = hubSchema(result);
    await writeSampleSurvey(file('api.csv'), { rows: 500, seed: 21, format: 'csv' });
    const dry = recorder();
    await importSurvey({ path: file('api.csv') }, dry.apply);
    const refused = dry.households[7]!;

    // An upsert by identity number, as an import must be to run twice.
    const register = new Map<string, string>();
    const rootValue = {
      importHouseholdSurvey: ({ input }: { input: { address: string; members: { identityNumber: string }[] } }) => {
        if (input.address === refused.address) throw new Error('Community is outside your region.');
        const householdId = `h-${input.address}`;
        const created = input.members.filter((m) => !register.has(m.identityNumber)).length;
        for (const m of input.members) register.set(m.identityNumber, householdId);
        return { householdId, created, updated: input.members.length - created };
      },
    };
    let requests = 0;
    const send = async (source: string, variableValues: Record<string, unknown>) => {
      requests++;
      return (await graphql({ schema, source, variableValues, rootValue })) as GraphQLResponse;
    };

    const summary = await importSurvey({ path: file('api.csv') }, { batchSize: 50, applyBatch: graphqlApplier(send) }, {
      concurrency: 2,
      errorReportPath: file('api.errors.csv'),
    });
    const good = 500 - refused.members.length;
    expect(summary).toMatchObject({ imported: dry.households.length - 1, skippedHouseholds: 1, errorRows: refused.members.length });
    expect(readReport(summary.errorReportPath!).slice(1)).toEqual(
      refused.members.map((m) => [String(m.rowNumber), '', '', '整户未导入：Community is outside your region.']),
    );
    expect(register.size).toBe(good);
    expect(summary.created + summary.updated).toBe(good);
    expect(summary.created === good).toBe(allNew);
    expect(requests).toBe(Math.ceil(dry.households.length / 50) + resent);
  });
});

/** A garbage collection on demand, so heap figures measure what is live. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** GB18030 bytes for text in the two-byte (GBK) range, built from the decoder Node already has. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !codes.has(char)) codes.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (codes.has(char)) bytes.push(...codes.get(char)!);
    else throw new Error(`${char} is outside GBK`);
  }
  return Buffer.from(bytes);
}
