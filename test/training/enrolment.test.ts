import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { enrol, resident, trainingCentre, untilKnown } from '../support/fixtures';

const PUBLISH = `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id status } }`;
const STATUS = `mutation ($id: ID!, $status: CourseStatus!) { setCourseStatus(courseId: $id, status: $status) { status } }`;

async function course(centreId: string, overrides: Record<string, unknown> = {}, token?: string) {
  const data = await ok(
    PUBLISH,
    {
      input: {
        centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2026-12-01', endDate: '2026-12-20',
        capacity: 20, locationCode: '211402', hours: 80, fee: 800, ...overrides,
      },
    },
    token ?? (await adminToken()),
  );
  return data.publishCourse.id as string;
}

describe('enrolment', () => {
  it('never exceeds capacity, even when people enrol at once', async () => {
    const centreId = await trainingCentre();
    const courseId = await course(centreId, { capacity: 3 });
    const warmUp = await course(centreId, { capacity: 50, startDate: '2027-03-01', endDate: '2027-03-10' });
    const people = [];
    for (let i = 0; i < 6; i++) {
      const person = await resident({ age: 25 + i });
      // Enrolled elsewhere first: the training service has heard of everyone before the race.
      expect((await enrol(person.id, warmUp)).errors).toBeUndefined();
      people.push(person);
    }
    const token = await adminToken();
    const results = await Promise.all(
      people.map((p) => gql(`mutation ($r: ID!, $c: ID!) { enrolResident(residentId: $r, courseId: $c) { id } }`, { r: p.id, c: courseId }, token)),
    );
    expect(results.filter((r) => !r.errors).length).toBe(3);
    expect(results.flatMap(codesOf)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const seen = await ok(`query ($id: ID!) { course(id: $id) { enrolled seatsLeft } }`, { id: courseId }, token);
    expect(seen.course).toEqual({ enrolled: 3, seatsLeft: 0 });
  });

  it('refuses two courses at the same time, and a withdrawal frees the place', async () => {
    const centreId = await trainingCentre();
    const first = await course(centreId, { capacity: 1 });
    const sameTime = await course(centreId, { title: '美容美发培训班', skills: ['美发'], startDate: '2026-12-10', endDate: '2026-12-30' });
    const person = await resident();
    const enrolment = (await enrol(person.id, first)).data!.enrolResident.id;
    const clash = await enrol(person.id, sameTime);
    expect(codesOf(clash)).toEqual(['CONFLICT']);
    expect(clash.errors![0]!.message).toBe('The person is already on 「电脑维修培训班」 at the same time.');
    const other = await resident();
    expect(codesOf(await enrol(other.id, first))).toEqual(['CONFLICT']);
    await ok(`mutation ($id: ID!) { withdrawEnrolment(enrolmentId: $id) { status } }`, { id: enrolment }, await adminToken());
    expect((await enrol(other.id, first)).errors).toBeUndefined();
    expect((await enrol(person.id, sameTime)).errors).toBeUndefined();
  });
});

describe('course lifecycle and the centre\'s own courses', () => {
  it('enrols only while open and moves only forward', async () => {
    const centreId = await trainingCentre();
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId });
    const courseId = await course(centreId, { draft: true }, token);
    const person = await resident();
    expect(codesOf(await enrol(person.id, courseId, token))).toEqual(['CONFLICT']);
    expect((await ok(STATUS, { id: courseId, status: 'OPEN' }, token)).setCourseStatus.status).toBe('OPEN');
    expect((await enrol(person.id, courseId, token)).errors).toBeUndefined();
    await ok(STATUS, { id: courseId, status: 'RUNNING' }, token);
    await ok(STATUS, { id: courseId, status: 'FINISHED' }, token);
    expect(codesOf(await gql(STATUS, { id: courseId, status: 'OPEN' }, token))).toEqual(['CONFLICT']);
  });

  it('keeps a centre away from another centre\'s courses and enrolments', async () => {
    const courseOfOther = await course(await trainingCentre());
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId: await trainingCentre() });
    const person = await resident();
    expect(codesOf(await enrol(person.id, courseOfOther, token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(STATUS, { id: courseOfOther, status: 'CANCELLED' }, token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(`query ($id: ID!) { course(id: $id) { enrolments { id } } }`, { id: courseOfOther }, token))).toEqual(['FORBIDDEN']);
  });
});

describe('what training tells the register', () => {
  it('counts an enrolment as a training offer and answers the person\'s training request', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'EMPLOYED', statusSince: '2020-01-01' });
    await ok(`mutation ($id: ID!) { registerUnemployment(residentId: $id) { id } }`, { id: person.id }, token);
    await ok(`mutation ($id: ID!) { requestTraining(residentId: $id, note: "想学电脑维修") { id } }`, { id: person.id }, token);
    const courseId = await course(await trainingCentre());
    expect((await enrol(person.id, courseId)).errors).toBeUndefined();
    const q = `query ($id: ID!) { resident(id: $id) { serviceDeliveries { kind source note } trainingRequests { answeredOn answer } } }`;
    await expect.poll(async () => (await ok(q, { id: person.id }, token)).resident.trainingRequests[0].answer, { timeout: 10_000 }).toBe('报名「电脑维修培训班」');
    const seen = (await ok(q, { id: person.id }, token)).resident;
    expect(seen.serviceDeliveries).toEqual([{ kind: 'TRAINING_OFFER', source: 'training', note: '报名「电脑维修培训班」' }]);
  });

  it('adds a passed course\'s skills to the person\'s profile, at the certificate level', async () => {
    const centreId = await trainingCentre();
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId });
    const courseId = await course(centreId, { skills: ['电脑维修', '网络布线'] }, token);
    const person = await resident({ skills: [{ name: '网络布线', certificateLevel: 3 }] });
    const enrolment = (await enrol(person.id, courseId, token)).data!.enrolResident.id;
    const complete = `mutation ($id: ID!) { recordCompletion(enrolmentId: $id, passed: true, certificateNumber: "2114202612000123", certificateLevel: 4) { passed certificateNumber } }`;
    expect(codesOf(await gql(complete, { id: enrolment }, token))).toEqual(['CONFLICT']);
    await ok(`mutation ($id: ID!) { setCourseStatus(courseId: $id, status: RUNNING) { status } }`, { id: courseId }, token);
    expect((await ok(complete, { id: enrolment }, token)).recordCompletion).toEqual({ passed: true, certificateNumber: '2114202612000123' });
    const admin = await adminToken();
    await expect
      .poll(async () => (await ok(`query ($id: ID!) { resident(id: $id) { skills { name certificateLevel } } }`, { id: person.id }, admin)).resident.skills, { timeout: 10_000 })
      .toEqual([{ name: '电脑维修', certificateLevel: 4 }, { name: '网络布线', certificateLevel: 3 }]);
  });
});

describe('course outcomes', () => {
  it('counts graduates employed after the course, and the ordering employer\'s hires against its commitment', async () => {
    const token = await adminToken();
    const { employer, refer, vacancy } = await import('../support/fixtures');
    const employerId = await employer();
    const vacancyId = await vacancy(employerId, { headcount: 5 });
    const centreId = await trainingCentre();
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const published = await untilKnown(() => gql(PUBLISH, {
      input: {
        centreId, title: '家政服务员（订单式）培训班', mode: 'ORDER_BASED', skills: ['保洁', '育婴'], startDate: day(40), endDate: day(5), capacity: 10,
        locationCode: '211402001001', employerId, vacancyId, committedHires: 2,
      },
    }, token));
    const courseId = published.data!.publishCourse.id;
    const a = await resident({ age: 41 });
    const b = await resident({ age: 42 });
    const enrolA = (await enrol(a.id, courseId)).data!.enrolResident.id;
    const enrolB = (await enrol(b.id, courseId)).data!.enrolResident.id;
    await ok(STATUS, { id: courseId, status: 'RUNNING' }, token);
    for (const [i, id] of [enrolA, enrolB].entries()) {
      await ok(`mutation ($id: ID!) { recordCompletion(enrolmentId: $id, passed: true, certificateNumber: "C-${i}", certificateLevel: 5) { passed } }`, { id }, token);
    }
    await ok(STATUS, { id: courseId, status: 'FINISHED' }, token);
    const referral = (await refer(a.id, vacancyId)).data!.referResident.id;
    await ok(`mutation ($id: ID!) { recordReferralOutcome(referralId: $id, outcome: HIRED) { outcome } }`, { id: referral }, token);
    const q = `query ($id: ID!) { course(id: $id) { outcomes { graduates employedWithin3Months employedWithin6Months committedHires hiresByOrderingEmployer } centre { outcomes { graduates hiresByOrderingEmployer } } } }`;
    await expect
      .poll(async () => (await ok(q, { id: courseId }, token)).course.outcomes, { timeout: 10_000 })
      .toEqual({ graduates: 2, employedWithin3Months: 1, employedWithin6Months: 1, committedHires: 2, hiresByOrderingEmployer: 1 });
    expect((await ok(q, { id: courseId }, token)).course.centre.outcomes).toEqual({ graduates: 2, hiresByOrderingEmployer: 1 });
    const year = Number(day(5).slice(0, 4));
    const region = await ok(`{ region(code: "211402001001") { peopleEmployedAfterTraining(year: ${year}) } }`, {}, token);
    expect(region.region.peopleEmployedAfterTraining).toBeGreaterThanOrEqual(1);
  });
});

describe('order-based courses', () => {
  it('train for an open vacancy of the ordering employer, committing no more hires than it has places', async () => {
    const { employer, vacancy } = await import('../support/fixtures');
    const token = await adminToken();
    const employerId = await employer();
    const vacancyId = await vacancy(employerId, { headcount: 2 });
    const centreId = await trainingCentre();
    const order = (overrides: Record<string, unknown>) =>
      untilKnown(() => gql(PUBLISH, {
        input: {
          centreId, title: '叉车司机（订单式）培训班', mode: 'ORDER_BASED', skills: ['叉车驾驶'], startDate: '2026-12-01', endDate: '2026-12-15', capacity: 10,
          locationCode: '211402', employerId, vacancyId, committedHires: 2, ...overrides,
        },
      }, token));
    const otherEmployer = await order({ employerId: await employer() });
    expect(codesOf(otherEmployer)).toEqual(['BAD_USER_INPUT']);
    expect(otherEmployer.errors![0]!.message).toBe('That vacancy belongs to another employer than the one ordering the course.');
    expect(codesOf(await order({ committedHires: 3 }))).toEqual(['BAD_USER_INPUT']);
    expect((await order({})).errors).toBeUndefined();
  });
});
