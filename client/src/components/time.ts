/** Times as a resident reads them: 今天 14:05 / 昨天 09:30 / 3月2日 10:00 / 2025年12月1日. */
export function formatTime(at: string | number | Date, now: number = Date.now()): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  const t = d.getTime();
  if (t >= startOfToday && t < startOfToday + 86400000) return `今天 ${hm}`;
  if (t >= startOfToday - 86400000 && t < startOfToday) return `昨天 ${hm}`;
  if (d.getFullYear() === today.getFullYear()) return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** 1h 5m left → "1小时5分"; under a minute → "不到1分钟". */
export function formatDuration(ms: number): string {
  if (ms < 60000) return '不到1分钟';
  const minutes = Math.floor(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分`;
}

export function formatDistance(m: number | undefined): string {
  if (m === undefined || !Number.isFinite(m)) return '';
  return m < 1000 ? `${Math.round(m)}米` : `${(m / 1000).toFixed(1)}公里`;
}
