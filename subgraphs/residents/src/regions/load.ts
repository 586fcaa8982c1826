import { sql } from 'drizzle-orm';
import type { Logger } from '@hub/common';
import type { ResidentsDb } from '../db';
import { regions } from '../db/schema';
import { readCityDivisions } from '@hub/common';

/**
 * Makes the region table hold exactly the city's official tree. Idempotent: a second run
 * changes nothing and, when the counts already match, writes nothing at all.
 */
export async function loadRegions(db: ResidentsDb, cityCode: string, log: Logger): Promise<number> {
  const rows = await readCityDivisions(cityCode);
  const [present] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(regions)
    .where(sql`${regions.code} like ${cityCode + '%'}`);
  if (present?.count === rows.length) {
    log.debug({ regions: rows.length }, 'regions already loaded');
    return rows.length;
  }
  await db.transaction(async (tx) => {
    // Parents first, so every parent code refers to a loaded region.
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(regions)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: sql`excluded.name`,
            level: sql`excluded.level`,
            parentCode: sql`excluded.parent_code`,
            communityKind: sql`excluded.community_kind`,
          },
        });
    }
  });
  log.info({ regions: rows.length, city: cityCode }, 'regions loaded');
  return rows.length;
}
