import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, queryKeys } from '../../lib/endpoints';
import { indexPoints } from './grouping';

/** Points of a conference joined with the unit tree; filters still work from names if units fail to load. */
export function usePointsData(conferenceId: string) {
  const points = useQuery({ queryKey: queryKeys.points(conferenceId), queryFn: () => api.points(conferenceId) });
  const units = useQuery({ queryKey: queryKeys.units, queryFn: api.units, staleTime: 10 * 60_000 });
  const indexed = useMemo(
    () => (points.data && !units.isPending ? indexPoints(points.data, units.data) : undefined),
    [points.data, units.data, units.isPending],
  );
  return { points, units, indexed };
}
