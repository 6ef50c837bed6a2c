import type { NotificationTemplateKey } from './notify/templates';

/**
 * Every page of the mini-program, declared once. `client/src/app.config.ts` is built from
 * this table, the client navigates with the builders below, and the server's notification
 * links (subscribe messages and the inbox) come from `noticeLink`, so no side can name a
 * page the app does not have. Pure: no Taro, no I/O.
 *
 * Paths are written as WeChat wants them in `app.json` and in a subscribe message's `page`:
 * no leading slash. Navigation APIs want one: use `to(path)`.
 */

/** Main package: entry, login and the resident's screens (the most used, kept small). */
export const MainPages = [
  'pages/index/index',
  'pages/login/index',
  'pages/home/index',
  'pages/post/index',
  'pages/wish/index',
  'pages/wall/index',
  'pages/inbox/index',
  'pages/me/index',
  'pages/join/index',
  'pages/verify/index',
  'pages/story/index',
] as const;

/** Sub-packages, each loaded when one of its pages is first opened; the first page is the package's home. */
export const SubPackages = [
  {
    root: 'packages/helper',
    pages: ['pages/hall/index', 'pages/task/index', 'pages/mine/index', 'pages/hours/index', 'pages/unit/index', 'pages/points/index', 'pages/timebank/index', 'pages/activities/index', 'pages/activity/index'],
  },
  {
    root: 'packages/staff',
    pages: ['pages/index/index', 'pages/review/index', 'pages/proxy/index', 'pages/escalations/index', 'pages/dashboard/index', 'pages/org/index', 'pages/stories/index', 'pages/report/index', 'pages/store/index', 'pages/map/index', 'pages/activities/index', 'pages/board/index', 'pages/recall/index'],
  },
] as const;

type SubPackage = (typeof SubPackages)[number];
type SubPagePath<P extends SubPackage> = P extends { root: infer R extends string; pages: readonly (infer Q extends string)[] } ? `${R}/${Q}` : never;

/** A page of the app, as `app.json` names it. */
export type PagePath = (typeof MainPages)[number] | SubPagePath<SubPackage>;

/** Every page of the app, main package first. */
export const AllPages: readonly PagePath[] = [
  ...MainPages,
  ...SubPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}` as PagePath)),
];

/** The pages by what they are for. */
export const Pages = {
  entry: 'pages/index/index',
  login: 'pages/login/index',
  home: 'pages/home/index',
  post: 'pages/post/index',
  wish: 'pages/wish/index',
  wall: 'pages/wall/index',
  inbox: 'pages/inbox/index',
  me: 'pages/me/index',
  join: 'pages/join/index',
  /** 志愿服务证明 核验: public, opened from the certificate's QR code. */
  verify: 'pages/verify/index',
  /** 微故事: public, what a story shared to a WeChat group opens. */
  story: 'pages/story/index',
  hall: 'packages/helper/pages/hall/index',
  task: 'packages/helper/pages/task/index',
  myTasks: 'packages/helper/pages/mine/index',
  hours: 'packages/helper/pages/hours/index',
  unit: 'packages/helper/pages/unit/index',
  /** 积分: balance, ledger, the 爱心超市 shelf and my redemption codes. */
  points: 'packages/helper/pages/points/index',
  /** 时间银行: hours in the town, family links, transfers to family. */
  timebank: 'packages/helper/pages/timebank/index',
  /** 集体活动: my community's activities, and one to sign up for and check in and out of. */
  activities: 'packages/helper/pages/activities/index',
  activity: 'packages/helper/pages/activity/index',
  staffHome: 'packages/staff/pages/index/index',
  review: 'packages/staff/pages/review/index',
  proxy: 'packages/staff/pages/proxy/index',
  escalations: 'packages/staff/pages/escalations/index',
  dashboard: 'packages/staff/pages/dashboard/index',
  org: 'packages/staff/pages/org/index',
  stories: 'packages/staff/pages/stories/index',
  /** The printable monthly report for the street office. */
  report: 'packages/staff/pages/report/index',
  /** 爱心超市 for staff: verify a redemption code, keep the shelf. */
  store: 'packages/staff/pages/store/index',
  /** 网格地图: the wishes in play by grid, to see gaps and hot spots. */
  gridMap: 'packages/staff/pages/map/index',
  /** 集体活动 for staff: publish, show the check-in code, see who came, enter a forgotten check-out. */
  staffActivities: 'packages/staff/pages/activities/index',
  /** 全部心愿: every wish of the staff member's scope by state, who holds it, stalled ones to take back (收回). */
  board: 'packages/staff/pages/board/index',
  /** 收回 one wish from its page: why, and back to the pool or to someone else (the board's panel, for one wish). */
  recall: 'packages/staff/pages/recall/index',
} as const satisfies Record<string, PagePath>;

/** A link to `page` with query parameters (values URI-encoded; undefined ones left out). */
export function link(page: PagePath, params: Record<string, string | undefined> = {}): string {
  const query = Object.entries(params)
    .flatMap(([k, v]) => (v === undefined ? [] : [`${encodeURIComponent(k)}=${encodeURIComponent(v)}`]))
    .join('&');
  return query ? `${page}?${query}` : page;
}

/** For navigateTo / redirectTo / reLaunch, which want a leading slash. */
export function to(pathOrLink: string): string {
  return pathOrLink.startsWith('/') ? pathOrLink : `/${pathOrLink}`;
}

/** The page part of a link (no query, no leading slash). */
export function pageOf(pathOrLink: string): string {
  return pathOrLink.replace(/^\//, '').split('?')[0];
}

/** A resident's wish: its state, timeline, confirm and rate. */
export const wishPage = (wishId: string) => link(Pages.wish, { id: wishId });
/** A wish from the helper's side: claim, lease, report. */
export const taskPage = (wishId: string) => link(Pages.task, { id: wishId });
/** One 集体活动 from the volunteer's side: sign up, check in and out. */
export const activityPage = (activityId: string) => link(Pages.activity, { id: activityId });
export const recallPage = (wishId: string) => link(Pages.recall, { id: wishId });
/** Edit a rejected wish and send it back to review. */
export const resubmitPage = (wishId: string) => link(Pages.post, { resubmit: wishId });
/** Edit a wish still waiting for review. */
export const editPage = (wishId: string) => link(Pages.post, { edit: wishId });
/** Join a community, optionally with an invite code filled in. */
export const joinPage = (code?: string) => link(Pages.join, { code });

/** A parameter as given, or as it was URI-encoded (WeChat hands a scene and a scanned URL over encoded). */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The invite code the join page was opened with, whichever way it came ('' when none):
 * - `code`: our own link (`joinPage`), what the invite's QR code carries on h5 and in the mini-program;
 * - `scene`: a 小程序码 made by wxacode.getUnlimited for the join page, whose scene is the code itself
 *   (6–16 letters and digits, inside the scene's 32) or `code=…`;
 * - `q`: a 普通链接二维码 rule (扫普通链接二维码打开小程序) opening the join page for our h5 link: WeChat
 *   passes the whole scanned URL, encoded.
 */
export function inviteCodeOf(params: Readonly<Record<string, string | undefined>>): string {
  if (params.code) return decoded(params.code).trim();
  if (params.scene) {
    const scene = decoded(params.scene);
    return (/(?:^|&)code=([^&]*)/.exec(scene)?.[1] ?? scene).trim();
  }
  if (params.q) return decoded(/[?&]code=([^&#]*)/.exec(decoded(params.q))?.[1] ?? '').trim();
  return '';
}
/** The public check of a 志愿服务证明 (the URL its QR code carries, on h5). */
/** One 微故事, as a shared link opens it. */
export const storyPage = (storyId: string) => link(Pages.story, { id: storyId });
/** The secretary's stories, or the draft form for one wish. */
export const storiesPage = (wishId?: string) => link(Pages.stories, { wishId });
export const verifyPage = (serial?: string) => link(Pages.verify, { serial });

/**
 * Where each notification opens, for whom it is meant: residents their wish, helpers the task,
 * staff the queue that holds it. The server puts this in the subscribe message; the inbox opens the same.
 */
export const NoticeLinks: Record<NotificationTemplateKey, (wishId?: string) => string> = {
  wish_approved: (id) => (id ? wishPage(id) : Pages.home),
  wish_rejected: (id) => (id ? wishPage(id) : Pages.home),
  wish_claimed: (id) => (id ? wishPage(id) : Pages.home),
  wish_completed: (id) => (id ? wishPage(id) : Pages.home),
  rate_reminder: (id) => (id ? wishPage(id) : Pages.home),
  wish_assigned: (id) => (id ? taskPage(id) : Pages.myTasks),
  nearby_wish: (id) => (id ? taskPage(id) : Pages.hall),
  wish_disputed: (id) => (id ? taskPage(id) : Pages.myTasks),
  lease_expired: (id) => (id ? taskPage(id) : Pages.myTasks),
  // Taken back by staff: the wish is no longer theirs, so their own list rather than its page.
  claim_recalled: () => Pages.myTasks,
  helper_withdrawn: (id) => (id ? wishPage(id) : Pages.home),
  // 停用 sent it back to the pool: staff open the wish, to dispatch it again.
  work_returned: (id) => (id ? wishPage(id) : Pages.staffHome),
  new_pending_wish: () => Pages.review,
  wish_escalated: () => Pages.escalations,
  // The community's workbench lists its open 督办 items.
  wish_supervised: () => Pages.staffHome,
  // 催一催: the helper holding it opens the task; staff open the wish with its timeline (and the call list when urgent).
  wish_nudged: (id) => (id ? taskPage(id) : Pages.myTasks),
  wish_waiting: (id) => (id ? wishPage(id) : Pages.staffHome),
  join_requested: () => Pages.org,
  join_decided: () => Pages.me,
  story_consent_requested: (id) => (id ? wishPage(id) : Pages.home),
  story_consent_answered: () => Pages.stories,
  // Sent with the activity's own page (activityPage); its list when a message lacks it.
  activity_changed: () => Pages.activities,
  activity_cancelled: () => Pages.activities,
};

export function noticeLink(template: NotificationTemplateKey, wishId?: string): string {
  return NoticeLinks[template](wishId);
}
