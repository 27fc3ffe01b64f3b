export function isUuid(value: string | undefined): value is string {
  return !!value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A number counted from 1 (a version number) that PostgreSQL's integer holds: anything larger fails the query. */
export function isPositiveInteger(value: number) {
  return Number.isInteger(value) && value >= 1 && value <= 2_147_483_647;
}
