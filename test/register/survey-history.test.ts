import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, resident } from '../support/fixtures';

const SURVEY = `mutation ($input: RecordSurveyInput!) { recordHouseholdSurvey(input: $input) { id situation lastSurveyedOn } }`;
const HISTORY = `query ($id: ID!) { resident(id: $id) { monthlyIncome skills { name certificateLevel } jobIntention { occupations minMonthlyWage workTime }
  history { kind effectiveOn recordedBy summary details } } }`;

describe('household surveys ("five clears") and the history they leave', () => {
  it('records each change as a dated, attributed event', async () => {
    const coordinator = await tokenFor({ role: 'COORDINATOR', sub: 'wang', regionCode: COMMUNITY.lianshan });
    const person = await resident({ communityCode: COMMUNITY.lianshan, employmentStatus: 'UNEMPLOYED' }, coordinator);
    await ok(
      SURVEY,
      {
        input: {
          householdId: person.householdId,
          surveyedOn: '2026-11-01',
          situation: '夫妻二人，丈夫务农，妻子待业',
          members: [
            {
              residentId: person.id,
              monthlyIncome: 800,
              jobIntention: { occupations: ['家政服务员'], minMonthlyWage: 2500, workTime: 'FULL_TIME' },
              skills: [{ name: '保洁', certificateLevel: 5 }, { name: '育婴', certificateLevel: 4 }],
            },
          ],
        },
      },
      coordinator,
    );
    const data = await ok(HISTORY, { id: person.id }, coordinator);
    const r = data.resident;
    expect(r.monthlyIncome).toBe(800);
    expect(r.skills).toEqual([{ name: '保洁', certificateLevel: 5 }, { name: '育婴', certificateLevel: 4 }]);
    expect(r.jobIntention).toEqual({ occupations: ['家政服务员'], minMonthlyWage: 2500, workTime: 'FULL_TIME' });
    const kinds = r.history.map((e: any) => e.kind);
    expect(kinds).toEqual(['REGISTERED', 'CASE_OPENED', 'HOUSEHOLD_SITUATION_CHANGED', 'INCOME_CHANGED', 'JOB_INTENTION_CHANGED', 'SKILLS_CHANGED', 'SURVEYED']);
    const income = r.history.find((e: any) => e.kind === 'INCOME_CHANGED');
    expect(income).toMatchObject({ effectiveOn: '2026-11-01', recordedBy: `COORDINATOR:wang@${COMMUNITY.lianshan}`, summary: 'Monthly income unknown → 800 yuan' });
    expect(r.history.at(-1).summary).toBe('Surveyed: income, job intention, skills changed');
  });

  it('records a survey that found nothing new as such, and changes nothing else', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'EMPLOYED' });
    await ok(SURVEY, { input: { householdId: person.householdId, members: [{ residentId: person.id, skills: [{ name: '保洁', certificateLevel: 5 }] }] } }, token);
    const data = await ok(HISTORY, { id: person.id }, token);
    expect(data.resident.history.map((e: any) => e.kind)).toEqual(['REGISTERED', 'SURVEYED']);
    expect(data.resident.history[1].summary).toBe('Surveyed, nothing changed');
  });

  it('refuses a migration destination for someone who is not working away, and writes nothing', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'UNEMPLOYED' });
    const result = await gql(SURVEY, { input: { householdId: person.householdId, members: [{ residentId: person.id, monthlyIncome: 500, migrationDestination: '大连' }] } }, token);
    expect(codesOf(result)).toEqual(['CONFLICT']);
    const data = await ok(HISTORY, { id: person.id }, token);
    expect(data.resident.monthlyIncome).toBeNull();
    expect(data.resident.history.map((e: any) => e.kind)).not.toContain('SURVEYED');
  });

  it('refuses a survey of a household outside the coordinator\'s region, and a member of another household', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const other = await resident({ communityCode: COMMUNITY.lianshan });
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'li', regionCode: '211481' });
    const input = { householdId: person.householdId, members: [{ residentId: person.id, monthlyIncome: 1 }] };
    expect(codesOf(await gql(SURVEY, { input }, outsider))).toEqual(['FORBIDDEN']);
    const mixed = { householdId: person.householdId, members: [{ residentId: other.id, monthlyIncome: 1 }] };
    expect(codesOf(await gql(SURVEY, { input: mixed }, await adminToken()))).toEqual(['BAD_USER_INPUT']);
  });

  it('shows income only inside the region: a street coordinator sees it, a neighbouring one is refused the person', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    await ok(SURVEY, { input: { householdId: person.householdId, members: [{ residentId: person.id, monthlyIncome: 1200 }] } }, await adminToken());
    const street = await tokenFor({ role: 'COORDINATOR', sub: 's', regionCode: '211402001' });
    expect((await ok(`query ($id: ID!) { resident(id: $id) { monthlyIncome } }`, { id: person.id }, street)).resident.monthlyIncome).toBe(1200);
    const neighbour = await tokenFor({ role: 'COORDINATOR', sub: 'n', regionCode: COMMUNITY.lianshan2 });
    const refused = await gql(`query ($id: ID!) { resident(id: $id) { monthlyIncome } }`, { id: person.id }, neighbour);
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
  });
});
