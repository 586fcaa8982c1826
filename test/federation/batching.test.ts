import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '@hub/common/testing';
import type { RunningGateway } from '@hub/gateway';
import { adminToken, subgraphUrl } from '../support/hub';
import { employer, orderBasedCourse, trainingCentre, vacancy, COMMUNITY } from '../support/fixtures';
import { gatewayWith, recordingProxy } from '../support/proxy';

describe('entity lookups across services are batched', () => {
  let residents: Awaited<ReturnType<typeof recordingProxy>>;
  let training: Awaited<ReturnType<typeof recordingProxy>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    residents = await recordingProxy(subgraphUrl('residents'));
    training = await recordingProxy(subgraphUrl('training'));
    gateway = await gatewayWith({ RESIDENTS_URL: residents.url, TRAINING_URL: training.url });
  });

  afterAll(async () => {
    await gateway.stop();
    await residents.close();
    await training.close();
  });

  it('resolves 12 vacancies\' locations and courses with one call to each service', async () => {
    const employerId = await employer();
    const centreId = await trainingCentre();
    const locations = [COMMUNITY.lianshan, COMMUNITY.lianshan2, COMMUNITY.xingcheng];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await vacancy(employerId, { locationCode: locations[i % 3], title: `岗位 ${i}` }));
    await orderBasedCourse(centreId, employerId, ids[0]!);

    residents.calls.length = 0;
    training.calls.length = 0;
    const result = await graphql(
      gateway.url,
      `query ($id: ID!) { employer(id: $id) { vacancies { title location { name parent { name } } trainingCourses { id } } } }`,
      { id: employerId },
      { token: await adminToken() },
    );
    expect(result.errors).toBeUndefined();
    const vacancies = result.data!.employer.vacancies;
    expect(vacancies).toHaveLength(12);
    expect(vacancies.filter((v: any) => v.trainingCourses.length)).toHaveLength(1);
    expect(new Set(vacancies.map((v: any) => v.location.name)).size).toBe(3);
    // One _entities request per service for all twelve, not twelve.
    expect(residents.calls).toHaveLength(1);
    expect(training.calls).toHaveLength(1);
    expect(JSON.parse(residents.calls[0]!.body).variables.representations).toHaveLength(12);
  });
});
