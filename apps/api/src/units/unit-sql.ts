/**
 * SQL pieces for reading a point (aliased `p`) with its unit `u` and that unit's parent `d`, shared by
 * every query that shows or groups points by district.
 */
export const POINT_UNITS_JOIN = `LEFT JOIN units u ON u.id = p.unit_id
         LEFT JOIN units d ON d.id = u.parent_id`;

/** The district a point sits in: its own unit, or its ward's parent; null for city agencies. */
export const POINT_DISTRICT = `CASE WHEN u.kind = 'district' THEN u.name WHEN u.kind = 'ward' THEN d.name END`;
