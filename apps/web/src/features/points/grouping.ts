import { foldText, type ConferencePointDto, type UnitDto } from '@bridgepoint/contracts';

/** District-filter value for points under city-level agencies. */
export const AGENCIES = '~agencies';
/** District-filter value for points whose district is unknown. */
export const NO_DISTRICT = '~none';
/** Ward-filter value for points attached to the district itself. */
export const DISTRICT_LEVEL = '~district';

/** A point with what the filters and the search need, computed once per data load. */
export interface IndexedPoint {
  point: ConferencePointDto;
  districtKey: string;
  districtName: string | null;
  wardKey: string;
  wardName: string | null;
  haystack: string;
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

export function indexPoints(points: readonly ConferencePointDto[], units: readonly UnitDto[] | undefined): IndexedPoint[] {
  const byId = new Map((units ?? []).map((unit) => [unit.id, unit]));
  return points.map((point) => {
    const unit = point.unitId ? byId.get(point.unitId) : undefined;
    const parent = unit?.parentId ? byId.get(unit.parentId) : undefined;
    let districtKey: string;
    let districtName: string | null;
    let wardKey: string;
    let wardName: string | null;
    if (unit?.kind === 'ward') {
      districtKey = parent?.id ?? `name:${point.district ?? ''}`;
      districtName = parent?.name ?? point.district;
      wardKey = unit.id;
      wardName = unit.name;
    } else if (unit?.kind === 'district') {
      districtKey = unit.id;
      districtName = unit.name;
      wardKey = DISTRICT_LEVEL;
      wardName = null;
    } else if (unit?.kind === 'agency' || unit?.kind === 'city') {
      districtKey = AGENCIES;
      districtName = null;
      wardKey = unit.id;
      wardName = unit.name;
    } else {
      districtKey = point.district ? `name:${point.district}` : NO_DISTRICT;
      districtName = point.district;
      wardKey = point.unit ? `name:${point.unit}` : DISTRICT_LEVEL;
      wardName = point.unit;
    }
    return {
      point,
      districtKey,
      districtName,
      wardKey,
      wardName,
      haystack: foldText(`${point.code} ${point.name}`),
    };
  });
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

function options(entries: Map<string, { label: string; count: number }>): FilterOption[] {
  return [...entries.entries()]
    .map(([value, entry]) => ({ value, ...entry }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** Districts that have points, alphabetically, then the agencies and unknown groups last. */
export function districtOptions(
  indexed: readonly IndexedPoint[],
  labels: { agencies: string; noDistrict: string },
): FilterOption[] {
  const districts = new Map<string, { label: string; count: number }>();
  const tail = new Map<string, { label: string; count: number }>();
  for (const item of indexed) {
    const special = item.districtKey === AGENCIES || item.districtKey === NO_DISTRICT;
    const target = special ? tail : districts;
    const label =
      item.districtKey === AGENCIES ? labels.agencies : item.districtKey === NO_DISTRICT ? labels.noDistrict : (item.districtName ?? '');
    const entry = target.get(item.districtKey) ?? { label, count: 0 };
    entry.count += 1;
    target.set(item.districtKey, entry);
  }
  return [...options(districts), ...options(tail)];
}

export function wardOptions(
  indexed: readonly IndexedPoint[],
  districtKey: string,
  labels: { districtLevel: string },
): FilterOption[] {
  const wards = new Map<string, { label: string; count: number }>();
  for (const item of indexed) {
    if (item.districtKey !== districtKey) continue;
    const label = item.wardKey === DISTRICT_LEVEL ? labels.districtLevel : (item.wardName ?? '');
    const entry = wards.get(item.wardKey) ?? { label, count: 0 };
    entry.count += 1;
    wards.set(item.wardKey, entry);
  }
  return options(wards);
}

export interface PointFilter {
  search: string;
  district: string;
  ward: string;
}

export function filterPoints(indexed: readonly IndexedPoint[], filter: PointFilter): IndexedPoint[] {
  const needle = foldText(filter.search);
  const words = needle ? needle.split(' ') : [];
  return indexed.filter(
    (item) =>
      (!filter.district || item.districtKey === filter.district) &&
      (!filter.ward || item.wardKey === filter.ward) &&
      words.every((word) => item.haystack.includes(word)),
  );
}

/** The operator page of a point on `base` (PUBLIC_URL where the server has one: see usePublicBase). */
export function joinLink(base: string, joinCode: string): string {
  return `${base}/point/${encodeURIComponent(joinCode)}`;
}
