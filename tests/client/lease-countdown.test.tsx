import { act, fireEvent, render, screen } from '@testing-library/react';
import { LeaseCountdown } from '../../client/src/components/LeaseCountdown';

describe('the lease countdown a claimer sees', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-11-22T10:00:00+08:00'));
  });
  afterEach(() => jest.useRealTimers());

  it('shows how long the claim still holds', () => {
    render(<LeaseCountdown leaseUntil="2026-11-22T12:30:00+08:00" />);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 2小时30分');
    expect(screen.queryByText(/即将超时/)).not.toBeInTheDocument();
  });

  it('counts down as time passes and warns in the last quarter hour', () => {
    render(<LeaseCountdown leaseUntil="2026-11-22T10:20:00+08:00" />);
    expect(screen.getByRole('timer')).toHaveTextContent('20分钟');
    act(() => {
      jest.advanceTimersByTime(10 * 60000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 10分钟');
    expect(screen.getByText('即将超时，请尽快开始服务或延长')).toBeInTheDocument();
  });

  it('announces the expiry once and tells the claimer the wish went back to the pool', () => {
    const onExpire = jest.fn();
    render(<LeaseCountdown leaseUntil="2026-11-22T10:01:00+08:00" onExpire={onExpire} onExtend={() => undefined} />);
    act(() => {
      jest.advanceTimersByTime(2 * 60000);
    });
    expect(screen.getByText('认领已超时，心愿已回到待认领')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '延长认领' })).not.toBeInTheDocument();
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('offers to extend while the lease runs', () => {
    const onExtend = jest.fn();
    render(<LeaseCountdown leaseUntil="2026-11-22T11:00:00+08:00" onExtend={onExtend} />);
    fireEvent.click(screen.getByRole('button', { name: '延长认领' }));
    expect(onExtend).toHaveBeenCalledTimes(1);
  });
});
