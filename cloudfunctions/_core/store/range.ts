/** A time window of a report: from inclusive, to exclusive, either open (ISO text, as the client sends it). */
export interface Range {
  from?: string;
  to?: string;
}

/** The window as a condition on one date field; no condition when it is open on both ends. */
export function rangeMatch(field: string, r: Range): Record<string, unknown> {
  if (!r.from && !r.to) return {};
  return { [field]: { ...(r.from ? { $gte: new Date(r.from) } : {}), ...(r.to ? { $lt: new Date(r.to) } : {}) } };
}

/** 1 when the field is set, else 0: summed in a $group it counts the documents that reached a step. */
export const has = (field: string) => ({ $cond: [{ $ifNull: [`$${field}`, false] }, 1, 0] });
