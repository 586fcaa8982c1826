import { cityCode } from './domain';
import { regionDirectory, type DivisionRow, type RegionLevel } from './divisions';
import { ErrorCode, HubError } from './errors';
import { parseRegionCode } from './identifiers';

/**
 * A region code that must be well formed and part of the city's official tree, at one of the
 * given levels. Services that do not own regions use this to refuse a mistyped location.
 */
export async function requireCityRegion(raw: string, levels: RegionLevel[], field: string): Promise<DivisionRow> {
  const parsed = parseRegionCode(raw);
  if (!parsed.ok) throw new HubError(ErrorCode.INVALID_REGION_CODE, parsed.reason, { field });
  const region = (await regionDirectory(cityCode())).get(parsed.value.code);
  if (!region) throw new HubError(ErrorCode.INVALID_REGION_CODE, `Region ${parsed.value.code} is not part of this city.`, { field });
  if (!levels.includes(region.level)) {
    const wanted = levels.map((l) => l.toLowerCase()).join(' or ');
    throw new HubError(ErrorCode.INVALID_REGION_CODE, `${region.name} (${region.code}) is not a ${wanted}.`, { field });
  }
  return region;
}
