import { AppError } from '../errors';
import { Categories, CategoryInfos, type Category } from '../vocab/categories';
import { WishStateLabels, type WishState } from '../vocab/wishStates';

/**
 * Our words in Open311 GeoReport v2's (http://wiki.open311.org/GeoReport_v2), declared once: categories as
 * services, states as its two statuses, and the limits of a request list. docs/open311.md explains each choice.
 */

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

export type Open311Status = 'open' | 'closed';
export const Open311Statuses = ['open', 'closed'] as const satisfies readonly Open311Status[];

/**
 * Every state, as GeoReport reads it: `open` while the community still has something to do, `closed` once the
 * helper reported it done (a dispute opens it again) or it ended otherwise. `notes` follow our state's label in
 * `status_notes`. A state added to the enum fails to compile here until it is mapped.
 */
export const Open311StateMap: Record<WishState, { status: Open311Status; notes: string }> = {
  pending_review: { status: 'open', notes: '社区正在审核' },
  rejected: { status: 'closed', notes: '社区审核未通过' },
  open: { status: 'open', notes: '社区已受理，等待志愿者认领' },
  assigned: { status: 'open', notes: '社区已派单，等待接单' },
  claimed: { status: 'open', notes: '已有人认领，尚未开始服务' },
  in_progress: { status: 'open', notes: '正在服务' },
  done: { status: 'closed', notes: '服务已完成，等待居民确认' },
  confirmed: { status: 'closed', notes: '居民已确认完成' },
  cancelled: { status: 'closed', notes: '心愿已取消' },
};

/** `status_notes` of a request in this state: our label, then what it means. */
export function statusNotesOf(state: WishState): string {
  return `${WishStateLabels[state]}：${Open311StateMap[state].notes}`;
}

/** The states a status filter (`status=open,closed`) stands for. */
export function statesOfStatus(statuses: readonly Open311Status[]): WishState[] {
  return (Object.keys(Open311StateMap) as WishState[]).filter((s) => statuses.includes(Open311StateMap[s].status));
}

/** GeoReport's `group` of each service: a dashboard folds our ten categories into these five. */
export const Open311Groups: Record<Category, string> = {
  daily_help: '生活服务',
  repair: '生活服务',
  material: '生活服务',
  other: '生活服务',
  companionship: '关爱陪伴',
  medical_trip: '健康医疗',
  health: '健康医疗',
  legal_aid: '法律调解',
  mediation: '法律调解',
  policy: '政策咨询',
};

export interface Open311Service {
  service_code: Category;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * Our categories as GeoReport services. A sensitive one is listed, so a community's own client may file it, but
 * its requests are never in the public list (the `public` rule of shared/privacy), and its description says so.
 */
export function open311Services(): Open311Service[] {
  return Categories.map((code) => {
    const info = CategoryInfos[code];
    return {
      service_code: code,
      service_name: info.label,
      description: info.sensitive ? `${info.label}：涉及个人隐私，可以提交，但不会出现在公开的请求列表中` : `${info.label}：社区审核通过后公开，不含姓名、电话和门牌号`,
      metadata: false,
      type: 'realtime',
      keywords: `${info.label},${Open311Groups[code]},微心愿`,
      group: Open311Groups[code],
    };
  });
}

/** GeoReport's default span of a request list, and the most a list may span or hold. */
export const OPEN311_WINDOW_DAYS = 90;
export const OPEN311_MAX_REQUESTS = 1000;
const DAY_MS = 24 * 3600_000;

/**
 * The span of `requested_datetime` a list covers (GeoReport v2, GET Service Requests): the last 90 days when no
 * date is given, 90 days after `start_date` or before `end_date` when one is, and the two given, at most 90 days apart.
 */
export function requestWindow(start: Date | undefined, end: Date | undefined, now: Date): { from: Date; to: Date } {
  const span = OPEN311_WINDOW_DAYS * DAY_MS;
  // Replies name times to the second (`w3cOf`): an end_date copied from one includes that whole second.
  const through = (at: Date) => new Date(at.getTime() + 999);
  if (start && end) {
    if (end.getTime() < start.getTime()) throw windowError('end_date', 'end_date 应晚于 start_date');
    if (end.getTime() - start.getTime() > span) throw windowError('end_date', `start_date 与 end_date 最多相隔 ${OPEN311_WINDOW_DAYS} 天`);
    return { from: start, to: through(end) };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) };
  const to = end ? through(end) : now;
  return { from: new Date(to.getTime() - span), to };
}

function windowError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A W3C date-time in UTC without fractions (2010-01-01T00:00:00Z), as GeoReport's examples write them. */
export function w3cOf(at: Date | string): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
