import { startLeasedTimer } from '../../server/leasedTimer';
import type { LeaseRepository } from '../../cloudfunctions/_core/store/leases';
import type { Observability } from '../../server/observability';

/** A lease always granted, and an observability that keeps nothing: the timer's own schedule is under test. */
const leases = { acquire: async () => true, ran: async () => undefined, release: async () => undefined } as unknown as LeaseRepository;
const observability = { timer: () => undefined } as unknown as Observability;

describe('a leased timer (the server\'s cron: escalations, lease expiry, reminders)', () => {
  afterEach(() => jest.useRealTimers());

  it('runs once as soon as the server starts, not an interval later, so a demo started a minute ago already shows its overdue wishes under 超时预警', async () => {
    jest.useFakeTimers();
    const work = jest.fn(async () => true);
    const stop = startLeasedTimer({ name: 'cron', intervalMs: 60_000, leases, observability, work });
    // No clock moves: only the promises already queued settle.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(work).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(work).toHaveBeenCalledTimes(2);
    await stop();
  });
});
