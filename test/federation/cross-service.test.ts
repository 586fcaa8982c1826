import { describe, expect, it } from 'vitest';
import { adminToken, ok } from '../support/hub';
import { employer, orderBasedCourse, resident, trainingCentre, vacancy } from '../support/fixtures';

describe('one query across all four subgraphs', () => {
  it('shows a resident with their community (residents) and eligible subsidies (subsidies, via @requires)', async () => {
    const person = await resident({ age: 45, gender: 'FEMALE', employmentStatus: 'FLEXIBLE' });
    const data = await ok(
      `query ($id: ID!) {
        resident(id: $id) {
          name age gender employmentStatus
          community { name level parent { name level } }
          eligibleSubsidies { eligible policy { code name } metConditions missingConditions }
        }
      }`,
      { id: person.id },
      await adminToken(),
    );
    const r = data.resident;
    expect(r.community).toEqual({ name: '欣蕗园社区', level: 'COMMUNITY', parent: { name: '连山街道', level: 'STREET' } });
    const byCode = Object.fromEntries(r.eligibleSubsidies.map((e: any) => [e.policy.code, e]));
    // A 45-year-old woman in flexible work qualifies for the 4050 social-insurance subsidy...
    expect(byCode.SOCIAL_INSURANCE_4050.eligible).toBe(true);
    expect(byCode.SOCIAL_INSURANCE_4050.metConditions).toContain('is in flexible employment or self-employed');
    // ...but not for the public-welfare position subsidy, and is told why.
    expect(byCode.PUBLIC_WELFARE_POSITION.eligible).toBe(false);
    expect(byCode.PUBLIC_WELFARE_POSITION.missingConditions).toEqual(['is placed in a public-welfare position']);
    // Eligible policies come first.
    const flags = r.eligibleSubsidies.map((e: any) => e.eligible);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
  });

  it('shows a vacancy with its employer (employers), location (residents) and order-based courses (training)', async () => {
    const employerId = await employer();
    const vacancyId = await vacancy(employerId);
    const centreId = await trainingCentre();
    const courseId = await orderBasedCourse(centreId, employerId, vacancyId);
    const data = await ok(
      `query ($id: ID!) {
        vacancy(id: $id) {
          title
          employer { id name orderedCourses { id } }
          location { name parent { name } }
          trainingCourses { id mode committedHires centre { name accredited } employer { name } vacancy { title } }
        }
      }`,
      { id: vacancyId },
      await adminToken(),
    );
    const v = data.vacancy;
    expect(v.employer.name).toBe('葫芦岛市渤海家政服务有限公司');
    expect(v.employer.orderedCourses).toEqual([{ id: courseId }]);
    expect(v.location).toEqual({ name: '欣蕗园社区', parent: { name: '连山街道' } });
    expect(v.trainingCourses).toHaveLength(1);
    expect(v.trainingCourses[0]).toMatchObject({
      id: courseId,
      mode: 'ORDER_BASED',
      committedHires: 3,
      centre: { accredited: true },
      employer: { name: '葫芦岛市渤海家政服务有限公司' },
      vacancy: { title: '家政服务员' },
    });
  });

  it('shows where a resident works (residents refers to an employer of the employers subgraph)', async () => {
    const employerId = await employer();
    const person = await resident({ employmentStatus: 'EMPLOYED', employerId });
    const data = await ok(`query ($id: ID!) { resident(id: $id) { employmentStatus employer { id name } } }`, { id: person.id }, await adminToken());
    expect(data.resident).toEqual({ employmentStatus: 'EMPLOYED', employer: { id: employerId, name: '葫芦岛市渤海家政服务有限公司' } });
  });

  it('derives hard-to-employ groups the subsidies subgraph reads', async () => {
    const person = await resident({ age: 52, gender: 'MALE', employmentStatus: 'UNEMPLOYED', declaredGroups: ['DISABLED'] });
    const data = await ok(
      `query ($id: ID!) { resident(id: $id) { difficultyGroups eligibleSubsidies { eligible policy { code } } } }`,
      { id: person.id },
      await adminToken(),
    );
    // Alone in the household and unemployed: a zero-employment household too.
    expect(data.resident.difficultyGroups).toEqual(['FORTY_FIFTY', 'ZERO_EMPLOYMENT_HOUSEHOLD', 'DISABLED']);
  });
});
