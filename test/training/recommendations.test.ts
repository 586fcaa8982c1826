import { describe, expect, it } from 'vitest';
import { adminToken, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, resident, trainingCentre, untilKnown, vacancy } from '../support/fixtures';

const RECOMMENDED = `query ($id: ID!) { resident(id: $id) { recommendedCourses(first: 50) {
  course { id title } skillsAdded vacancies { id } reason
} } }`;

async function publish(input: Record<string, unknown>, token: string) {
  const result = await untilKnown(() => gql<{ publishCourse: { id: string } }>(`mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`, { input }, token));
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.publishCourse.id;
}

describe('recommended courses (Resident.recommendedCourses)', () => {
  it('puts the order-based course for a waiting vacancy first, then others teaching what the person lacks', async () => {
    const admin = await adminToken();
    const boss = await employer();
    const job = await vacancy(boss, { title: '居家养老家政员', occupation: '家政服务员', mustHaveSkills: ['家庭保洁', '老人陪护'], niceToHaveSkills: [] });
    const centre = await trainingCentre();
    const ordered = await publish(
      { centreId: centre, title: '家政服务员（订单式）', mode: 'ORDER_BASED', skills: ['家务', '照顾老人'], startDate: '2026-12-05', endDate: '2026-12-25', capacity: 20, locationCode: COMMUNITY.xingcheng, employerId: boss, vacancyId: job, committedHires: 2 },
      admin,
    );
    const general = await publish(
      { centreId: centre, title: '养老护理基础班', mode: 'GENERAL', trade: '家政服务员', skills: ['老人陪护'], startDate: '2026-12-03', endDate: '2026-12-10', capacity: 20, locationCode: COMMUNITY.lianshan },
      admin,
    );
    const unrelated = await publish(
      { centreId: centre, title: '美发培训班', mode: 'GENERAL', trade: '美容美发', skills: ['剪发'], startDate: '2026-12-03', endDate: '2026-12-10', capacity: 20, locationCode: COMMUNITY.lianshan },
      admin,
    );
    const person = await resident({ age: 42, skills: [{ name: '刀工' }], jobIntention: { occupations: ['保姆'], minMonthlyWage: null, workTime: 'FULL_TIME' } });

    let recommended: { course: { id: string }; skillsAdded: string[]; vacancies: { id: string }[]; reason: string }[] = [];
    for (let i = 0; i < 100; i++) {
      recommended = (await ok<{ resident: { recommendedCourses: typeof recommended } }>(RECOMMENDED, { id: person.id }, admin)).resident.recommendedCourses;
      const at = recommended.map((r) => r.course.id);
      // The order counts once training has heard of the vacancy (a vacancy.changed event).
      if (at.includes(ordered) && at.includes(general) && at.indexOf(ordered) < at.indexOf(general)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ids = recommended.map((r) => r.course.id);
    // Other tests' courses share this hub; among these three, the order comes first.
    expect(ids).toContain(general);
    expect(ids.indexOf(ordered)).toBeLessThan(ids.indexOf(general));
    expect(ids).not.toContain(unrelated);
    const order = recommended.find((r) => r.course.id === ordered)!;
    expect(order.skillsAdded.sort()).toEqual(['家庭保洁', '老人陪护']);
    expect(order.vacancies.map((v) => v.id)).toContain(job);
    expect(order.reason).toMatch(/Ordered by an employer/);
  });

  it('is for staff only', async () => {
    const person = await resident();
    const result = await gql(RECOMMENDED, { id: person.id }, await tokenFor({ role: 'TRAINING_CENTRE', sub: 't', centreId: '00000000-0000-4000-8000-000000000000' }));
    expect(result.data?.resident ?? null).toBeNull();
  });
});
