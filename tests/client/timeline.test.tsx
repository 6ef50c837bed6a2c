import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Timeline } from '../../client/src/components/Timeline';

describe('the wish timeline', () => {
  const events = [
    { id: 'e1', action: 'create', at: '2026-11-20T08:00:00+08:00', actor: { kind: 'user' as const, role: 'resident' as const } },
    { id: 'e2', action: 'reject', at: '2026-11-20T09:00:00+08:00', actor: { kind: 'user' as const, role: 'secretary' as const }, meta: { reason: '请补充具体地址' } },
    { id: 'e3', action: 'resubmit', at: '2026-11-20T10:00:00+08:00', actor: { kind: 'user' as const, role: 'resident' as const } },
    { id: 'e4', action: 'expire', at: '2026-11-21T10:00:00+08:00', actor: { kind: 'system' as const } },
    { id: 'e5', action: 'complete', at: '2026-11-22T10:00:00+08:00', actor: { kind: 'user' as const, role: 'volunteer' as const }, actorName: '李志愿', note: '已陪同完成接种' },
  ];

  it('lists every step in Chinese, newest first', () => {
    render(<Timeline events={events} />);
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(steps).toHaveLength(5);
    expect(steps[0]).toContain('完成服务');
    expect(steps[1]).toContain('认领超时');
    expect(steps[4]).toContain('提交心愿');
  });

  it('says who acted, why a wish was refused, and what the helper reported', () => {
    render(<Timeline events={events} />);
    const [done, expired, , refused] = screen.getAllByRole('listitem');
    expect(within(done).getByText('志愿者 李志愿')).toBeInTheDocument();
    expect(within(done).getByText('已陪同完成接种')).toBeInTheDocument();
    expect(within(expired).getByText('系统')).toBeInTheDocument();
    expect(within(refused).getByText('原因：请补充具体地址')).toBeInTheDocument();
  });

  it('shows the photos a helper sent with a report, each opening full size', async () => {
    const taro = Taro as unknown as { previewImage?: (o: { urls: string[]; current: string }) => Promise<unknown> };
    const previews: { urls: string[]; current: string }[] = [];
    taro.previewImage = async (o) => void previews.push(o);
    render(<Timeline events={[{ id: 'p1', action: 'progress', at: '2026-11-22T09:00:00+08:00', note: '药已买到', photos: ['cloud://env/receipt.jpg', 'cloud://env/bag.jpg'] }]} />);
    const photos = Array.from(document.querySelectorAll('img.photo'));
    expect(photos.map((img) => img.getAttribute('src'))).toEqual(['cloud://env/receipt.jpg', 'cloud://env/bag.jpg']);
    fireEvent.click(photos[1]);
    // On h5 the viewer is loaded when first needed, so the preview opens a moment after the tap.
    await waitFor(() => expect(previews).toEqual([{ urls: ['cloud://env/receipt.jpg', 'cloud://env/bag.jpg'], current: 'cloud://env/bag.jpg' }]));
    delete taro.previewImage;
  });

  it('renders only photos of ours: no javascript:, data: or off-site address becomes an image (issue 11, L3)', () => {
    const ours = `/files/${'c'.repeat(64)}.jpg`;
    const foreign = ['javascript:alert(1)', 'https://track.example.com/p.gif?u=13812345678', 'data:image/svg+xml,<svg onload=alert(1)>', '/files/../x.jpg'];
    render(<Timeline events={[{ id: 'p2', action: 'progress', at: '2026-11-22T09:00:00+08:00', note: '已上门', photos: [...foreign, ours, 'cloud://env/ok.jpg'] }]} />);
    const srcs = Array.from(document.querySelectorAll('img')).map((img) => img.getAttribute('src') ?? '');
    expect(srcs).toEqual([expect.stringMatching(new RegExp(`${ours}$`)), 'cloud://env/ok.jpg']);
  });

  it('shows no photo row when none of the references is ours', () => {
    render(<Timeline events={[{ id: 'p3', action: 'progress', at: '2026-11-22T09:00:00+08:00', note: '已上门', photos: ['javascript:alert(1)'] }]} />);
    expect(document.querySelector('.photos')).toBeNull();
  });

  it('says so when nothing has happened yet', () => {
    render(<Timeline events={[]} />);
    expect(screen.getByText('暂无记录')).toBeInTheDocument();
  });
});
