import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openDatabase, type DatabaseHandle } from '@hub/common';
import { residentsSubgraph } from '../src/app';
import { schema } from '../src/db';
import { loadRegions } from '../src/regions/load';

describe('loading the division tree', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regions-load-'));
  const log = createLogger('test', 'silent');
  let database: DatabaseHandle<typeof schema>;
  const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.regions))[0]!.n;

  beforeAll(async () => {
    database = await openDatabase({ schemaName: 'residents', schema, migrationsFolder: residentsSubgraph.migrationsFolder, dataDir: dir });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads 1 + 6 + 132 + 1,298 regions, and a second load changes nothing', async () => {
    expect(await loadRegions(database.db, '2114', log)).toBe(1437);
    expect(await count()).toBe(1437);
    expect(await loadRegions(database.db, '2114', log)).toBe(1437);
    expect(await count()).toBe(1437);
  });

  it('restores a region that went missing', async () => {
    await database.db.delete(schema.regions).where(eq(schema.regions.code, '211481101201'));
    expect(await count()).toBe(1436);
    await loadRegions(database.db, '2114', log);
    const [row] = await database.db.select().from(schema.regions).where(eq(schema.regions.code, '211481101201'));
    expect(row).toMatchObject({ level: 'COMMUNITY', parentCode: '211481101', communityKind: 'VILLAGE' });
  });
});
