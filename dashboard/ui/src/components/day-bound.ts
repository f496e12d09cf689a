/**
 * A date input's day (YYYY-MM-DD) as the first or last instant of that day in the analyst's own
 * time zone, in the ISO date-time form the API expects; undefined for an empty or invalid day.
 */
export function dayBound(value: string | undefined, end: boolean): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
