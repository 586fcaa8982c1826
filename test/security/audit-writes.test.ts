import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '@hub/common';
import type { MutationAuditTable } from '@hub/common/audit/tables';
import { databaseRefusal as refusal, fakeCreditCode } from '@hub/common/testing';
import { subgraphs } from '../../scripts/subgraphs';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, household, resident, untilKnown, vacancy } from '../support/fixtures';

/**
 * Finding #9 of issue 10: 15 of 32 kinds of mutation recorded no actor. Every mutation now leaves
 * a row in its service's append-only `mutation_audit` (who, when, what, on which entity, how it
 * ended), which administrators read through `<service>MutationAudit`.
 */

interface AuditRow {
  at: string;
  actor: string;
  operation: string;
  targetId: string | null;
  outcome: string;
  requestId: string;
}

const AUDIT_FIELDS = 'at actor operation targetId outcome requestId';
type Service = 'residents' | 'employers' | 'training' | 'subsidies';

/** The audit rows of one service for one actor and mutation, newest first, as an administrator reads them. */
async function auditOf(service: Service, actor: string, operation: string): Promise<AuditRow[]> {
  const data = await ok(
    `query ($actor: String, $operation: String) { ${service}MutationAudit(actor: $actor, operation: $operation) { ${AUDIT_FIELDS} } }`,
    { actor, operation },
    await adminToken(),
  );
  return data[`${service}MutationAudit`];
}

/** Each test acts as a subject of its own, so the rows it finds are the ones it caused. */
const subject = (label: string) => `${label}-${randomUUID()}`;
const adminActor = async (label: string) => {
  const sub = subject(label);
  return { token: await tokenFor({ role: 'ADMIN', sub }), actor: `ADMIN:${sub}` };
};
const coordinatorActor = async (label: string, regionCode: string = COMMUNITY.lianshan) => {
  const sub = subject(label);
  return { token: await tokenFor({ role: 'COORDINATOR', sub, regionCode }), actor: `COORDINATOR:${sub}@${regionCode}` };
};

/**
 * Expects exactly one OK row for the mutation by the actor, on the entity, just now. (An attempt
 * refused while a service had not yet heard of a new person leaves a row of its own, not OK.)
 */
async function expectAudited(service: Service, actor: string, operation: string, targetId: string | null) {
  const done = (await auditOf(service, actor, operation)).filter((row) => row.outcome === 'OK');
  expect(done).toHaveLength(1);
  expect(done[0]).toMatchObject({ actor, operation, targetId, outcome: 'OK' });
  expect(done[0]!.requestId).toMatch(/\S/);
  expect(Date.now() - Date.parse(done[0]!.at)).toBeLessThan(60_000);
}

describe('the 15 mutations that recorded no actor now leave an audit row', () => {
  it('registerHousehold records the coordinator and the household', async () => {
    const { token, actor } = await coordinatorActor('household-clerk');
    const id = await household(COMMUNITY.lianshan, token);
    await expectAudited('residents', actor, 'registerHousehold', id);
  });

  it('assignCaseHelper and signAssistanceAgreement record the coordinator and the case', async () => {
    const { token, actor } = await coordinatorActor('case-clerk');
    const person = await resident({ age: 45, communityCode: COMMUNITY.lianshan });
    const [found] = (await ok(`query ($id: ID!) { resident(id: $id) { assistanceCases { id } } }`, { id: person.id }, token)).resident.assistanceCases;
    await ok(`mutation ($id: ID!) { assignCaseHelper(caseId: $id, helper: "协理员 王芳") { id } }`, { id: found.id }, token);
    await ok(`mutation ($id: ID!) { signAssistanceAgreement(caseId: $id) { id } }`, { id: found.id }, token);
    await expectAudited('residents', actor, 'assignCaseHelper', found.id);
    await expectAudited('residents', actor, 'signAssistanceAgreement', found.id);
  });

  it('registerEmployer, updateEmployer and setHiringPlan record who changed which employer', async () => {
    const { token, actor } = await coordinatorActor('employer-clerk', '211402');
    const input = { creditCode: fakeCreditCode('211402'), name: '葫芦岛市龙港物流有限公司', industry: '物流', districtCode: '211402' };
    const id = (await ok(`mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, { input }, token)).registerEmployer.id;
    await ok(`mutation ($id: ID!) { updateEmployer(id: $id, input: { industry: "仓储物流" }) { id } }`, { id }, token);
    await ok(`mutation ($id: ID!) { setHiringPlan(employerId: $id, year: 2026, lines: [{ occupation: "搬运工", month: 3, headcount: 2 }]) { planned } }`, { id }, token);
    await expectAudited('employers', actor, 'registerEmployer', id);
    await expectAudited('employers', actor, 'updateEmployer', id);
    await expectAudited('employers', actor, 'setHiringPlan', id);
  });

  it('postVacancy, updateVacancy and closeVacancy record the employer acting for itself and the vacancy', async () => {
    const employerId = await employer();
    const sub = subject('boss');
    const token = await tokenFor({ role: 'EMPLOYER', sub, employerId });
    const actor = `EMPLOYER:${sub}`;
    const id = await vacancy(employerId, {}, token);
    await ok(`mutation ($id: ID!) { updateVacancy(id: $id, input: { headcount: 3 }) { id } }`, { id }, token);
    await ok(`mutation ($id: ID!) { closeVacancy(id: $id) { id } }`, { id }, token);
    for (const operation of ['postVacancy', 'updateVacancy', 'closeVacancy']) await expectAudited('employers', actor, operation, id);
  });

  it('registerTrainingCentre, setCentreAccreditation, publishCourse, setCourseStatus and withdrawEnrolment record the actor and the entity', async () => {
    const { token, actor } = await adminActor('training-admin');
    const name = `葫芦岛市技工学校 ${randomUUID()}`;
    const centreId = (
      await ok(`mutation ($name: String!) { registerTrainingCentre(input: { name: $name, districtCode: "211402", trades: ["电脑维修"] }) { id } }`, { name }, token)
    ).registerTrainingCentre.id;
    await ok(
      `mutation ($id: ID!) { setCentreAccreditation(centreId: $id, accreditationNumber: "辽人社培字〔2025〕001号", accreditedUntil: "2030-12-31", trades: ["电脑维修"]) { id } }`,
      { id: centreId },
      token,
    );
    const courseInput = {
      centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2026-12-01', endDate: '2026-12-20', capacity: 20, locationCode: COMMUNITY.lianshan, draft: true,
    };
    const courseId = (await ok(`mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`, { input: courseInput }, token)).publishCourse.id;
    await ok(`mutation ($id: ID!) { setCourseStatus(courseId: $id, status: OPEN) { id } }`, { id: courseId }, token);
    const person = await resident();
    const enrolled = await untilKnown(() => gql(`mutation ($r: ID!, $c: ID!) { enrolResident(residentId: $r, courseId: $c) { id } }`, { r: person.id, c: courseId }, token));
    const enrolmentId = enrolled.data!.enrolResident.id;
    await ok(`mutation ($id: ID!) { withdrawEnrolment(enrolmentId: $id) { id } }`, { id: enrolmentId }, token);
    await expectAudited('training', actor, 'registerTrainingCentre', centreId);
    await expectAudited('training', actor, 'setCentreAccreditation', centreId);
    await expectAudited('training', actor, 'publishCourse', courseId);
    await expectAudited('training', actor, 'setCourseStatus', courseId);
    await expectAudited('training', actor, 'enrolResident', enrolmentId);
    await expectAudited('training', actor, 'withdrawEnrolment', enrolmentId);
  });

  it('an index repair records the administrator', async () => {
    const { token, actor } = await adminActor('index-admin');
    await ok(`mutation { checkVacancyIndex(repair: true) { repaired } }`, {}, token);
    await expectAudited('employers', actor, 'checkVacancyIndex', null);
  });
});

describe('refused mutations are recorded too, and change nothing', () => {
  it('an employer editing another employer is recorded as FORBIDDEN, and the employer keeps its name', async () => {
    const [mine, theirs] = await Promise.all([employer(), employer()]);
    const sub = subject('intruder');
    const token = await tokenFor({ role: 'EMPLOYER', sub, employerId: mine });
    const refused = await gql(`mutation ($id: ID!) { updateEmployer(id: $id, input: { name: "被篡改的公司名称" }) { id } }`, { id: theirs }, token);
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    const [row] = await auditOf('employers', `EMPLOYER:${sub}`, 'updateEmployer');
    expect(row).toMatchObject({ outcome: 'FORBIDDEN', targetId: theirs });
    const { employer: after } = await ok(`query ($id: ID!) { employer(id: $id) { name } }`, { id: theirs }, await adminToken());
    expect(after.name).not.toBe('被篡改的公司名称');
  });

  it('a vacancy with bad input is recorded as BAD_USER_INPUT, and no vacancy is posted', async () => {
    const employerId = await employer();
    const { token, actor } = await coordinatorActor('careless-clerk', '211402');
    const input = { employerId, title: '保洁员', occupation: '保洁员', mustHaveSkills: ['保洁'], headcount: 1, wageMin: 4000, wageMax: 3000, locationCode: COMMUNITY.lianshan };
    const refused = await gql(`mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`, { input }, token);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    const [row] = await auditOf('employers', actor, 'postVacancy');
    expect(row).toMatchObject({ outcome: 'BAD_USER_INPUT' });
    expect((await ok(`query ($id: ID!) { employer(id: $id) { vacancies { id } } }`, { id: employerId }, await adminToken())).employer.vacancies).toEqual([]);
  });

  it('several mutations in one request each get their row, with the same request id', async () => {
    const { token, actor } = await coordinatorActor('batch-clerk');
    const data = await ok(
      `mutation { a: registerHousehold(input: { communityCode: "${COMMUNITY.lianshan}", address: "连山区 团结路 1号" }) { id } b: registerHousehold(input: { communityCode: "${COMMUNITY.lianshan}", address: "连山区 团结路 2号" }) { id } }`,
      {},
      token,
    );
    const rows = await auditOf('residents', actor, 'registerHousehold');
    expect(rows.map((r) => r.targetId).sort()).toEqual([data.a.id, data.b.id].sort());
    expect(rows.every((r) => r.outcome === 'OK')).toBe(true);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(1);
  });
});

describe('who reads the mutation audit', () => {
  it('only administrators: a coordinator, an employer and an anonymous caller are refused', async () => {
    const employerId = await employer();
    const query = `{ employersMutationAudit(first: 1) { actor } }`;
    expect(codesOf(await gql(query, {}, await tokenFor({ role: 'COORDINATOR', sub: 'auditor-wannabe', regionCode: '2114' })))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(query, {}, await tokenFor({ role: 'EMPLOYER', sub: 'nosy-boss', employerId })))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(query))).toEqual(['UNAUTHENTICATED']);
  });

  it('each service answers for its own mutations', async () => {
    const admin = await adminToken();
    for (const service of ['residents', 'employers', 'training', 'subsidies']) {
      const data = await ok(`{ ${service}MutationAudit(first: 5) { ${AUDIT_FIELDS} } }`, {}, admin);
      expect(Array.isArray(data[`${service}MutationAudit`])).toBe(true);
    }
    expect(codesOf(await gql(`{ employersMutationAudit(first: 501) { actor } }`, {}, admin))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the mutation audit is append-only in the database itself', () => {
  let databases: { name: string; db: Db<Record<string, unknown>>; table: MutationAuditTable; close(): Promise<void> }[] = [];
  beforeAll(async () => {
    // On PostgreSQL: the hub's own database, every service. On PGlite the hub's databases live in
    // its process, so a migrated database of one service stands in (the four share one migration).
    const hubDatabase = inject('databaseUrl');
    const definitions = hubDatabase ? subgraphs : subgraphs.filter((d) => d.name === 'employers');
    databases = await Promise.all(
      definitions.map(async (definition) => {
        const handle = await openDatabase({
          schemaName: definition.name,
          schema: definition.dbSchema,
          migrationsFolder: definition.migrationsFolder,
          databaseUrl: hubDatabase ?? undefined,
          dataDir: 'memory://',
          poolSize: 1,
        });
        return { name: definition.name, db: handle.db, table: definition.mutationAudit, close: handle.close };
      }),
    );
    return async () => {
      for (const database of databases) await database.close();
    };
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and keeps the row', async () => {
    for (const { name, db, table } of databases) {
      const [row] = await db.insert(table).values({ actor: 'ADMIN:someone', operation: 'postVacancy', targetId: randomUUID(), outcome: 'OK', requestId: 'req-1' }).returning();
      expect(await refusal(() => db.update(table).set({ actor: 'ADMIN:someone-else' }).where(eq(table.id, row!.id))), name).toMatch(/append-only: UPDATE refused/);
      expect(await refusal(() => db.delete(table).where(eq(table.id, row!.id))), name).toMatch(/append-only: DELETE refused/);
      expect(await refusal(() => db.execute(sql`truncate ${table}`)), name).toMatch(/append-only: TRUNCATE refused/);
      const [kept] = await db.select().from(table).where(eq(table.id, row!.id));
      expect(kept, name).toMatchObject({ actor: 'ADMIN:someone', outcome: 'OK' });
    }
  });
});
