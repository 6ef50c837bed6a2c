/**
 * Idempotency keys for writes (DESIGN.md §5). A retry of the same submit must reuse
 * the key, so a reply lost to a flaky network never makes a second wish or claim.
 */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `r${Date.now().toString(36)}${rand}`;
}

/**
 * One key per distinct attempt: the same payload submitted again after a failure
 * gets the same key; a changed payload, or anything after a success, gets a new one.
 */
export class SubmitKey {
  private last?: { payload: string; id: string };

  for(payload: unknown): string {
    const json = JSON.stringify(payload ?? null);
    if (!this.last || this.last.payload !== json) this.last = { payload: json, id: newRequestId() };
    return this.last.id;
  }

  /** Call after a success: the next submit is a new write. */
  done(): void {
    this.last = undefined;
  }
}
