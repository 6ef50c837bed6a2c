import type { Category } from './categories';

/**
 * 集体活动: what staff publish for many volunteers at once (环境整治, 义诊, 防汛巡逻), as against a
 * resident's one-off wish. Its state follows from the clock and a cancellation (shared/activities `activityState`).
 */
export const ActivityStates = ['open', 'ongoing', 'ended', 'cancelled'] as const;
export type ActivityState = (typeof ActivityStates)[number];

export const ActivityStateLabels: Record<ActivityState, string> = {
  open: '报名中',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

/** The kinds of event the seeds' communities run. */
export const ActivityCategories = ['environment', 'clinic', 'patrol', 'publicity', 'visit', 'culture', 'other'] as const;
export type ActivityCategory = (typeof ActivityCategories)[number];

export const ActivityCategoryLabels: Record<ActivityCategory, string> = {
  environment: '环境整治',
  clinic: '义诊',
  patrol: '防汛巡逻',
  publicity: '政策宣传',
  visit: '走访慰问',
  culture: '文体活动',
  other: '其他',
};

/**
 * The service category an activity's hours count under, so statistics, the monthly report and the points
 * rule's category weights treat an hour of 义诊 like an hour of a 健康义诊 wish. Kinds with no wish category
 * of their own count as 其他.
 */
export const ActivityServiceCategory: Record<ActivityCategory, Category> = {
  environment: 'other',
  clinic: 'health',
  patrol: 'other',
  publicity: 'policy',
  visit: 'companionship',
  culture: 'other',
  other: 'other',
};

/** Where an attendee stands. */
export const AttendanceStatuses = ['signed_up', 'withdrawn', 'checked_in', 'checked_out'] as const;
export type AttendanceStatus = (typeof AttendanceStatuses)[number];

export const AttendanceStatusLabels: Record<AttendanceStatus, string> = {
  signed_up: '已报名',
  withdrawn: '已取消报名',
  checked_in: '已签到',
  checked_out: '已签退',
};
