/** A half-open time range [start, end), epoch milliseconds. */
export interface TimeRange {
  start: number;
  end: number;
}

/**
 * The look-back window ending at `now`, both ends floored to a multiple of `periodSeconds` (UTC epoch),
 * so that every bucket is complete and the next run asks for the same buckets again.
 * CloudWatch recommends period-aligned StartTime/EndTime; the file source uses the same range.
 */
export function alignRange(now: Date | number, windowSeconds: number, periodSeconds: number): TimeRange {
  const p = periodSeconds * 1000;
  const end = Math.floor(+now / p) * p;
  const start = Math.floor((end - windowSeconds * 1000) / p) * p;
  return { start, end };
}

/** How many buckets of `periodSeconds` the range holds (the points a full series returns). */
export function expectedPoints(range: TimeRange, periodSeconds: number): number {
  return Math.max(0, Math.ceil((range.end - range.start) / (periodSeconds * 1000)));
}
