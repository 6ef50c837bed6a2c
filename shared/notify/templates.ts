/**
 * Subscribe-message templates, keyed by what they announce. Field names follow
 * WeChat's convention (`thing1`, `phrase2`, …): the prefix is the field's type
 * and decides its limits. Template ids are per mini-program and live in config.
 */
export const NotificationTemplateKeys = [
  'wish_approved',
  'wish_rejected',
  'wish_claimed',
  'wish_assigned',
  'wish_completed',
  'rate_reminder',
  'wish_disputed',
  'new_pending_wish',
  'nearby_wish',
  'wish_escalated',
  'wish_supervised',
  'wish_nudged',
  'wish_waiting',
  'lease_expired',
  'claim_recalled',
  'helper_withdrawn',
  'work_returned',
  'join_requested',
  'join_decided',
  'story_consent_requested',
  'story_consent_answered',
  'activity_changed',
  'activity_cancelled',
] as const;

export type NotificationTemplateKey = (typeof NotificationTemplateKeys)[number];

export interface NotificationTemplate {
  key: NotificationTemplateKey;
  /** Inbox title. */
  title: string;
  /** Field name → what it shows, in display order. */
  fields: Record<string, string>;
}

/**
 * The value an announcement of a wish carries its number (心愿编号) in, the same key for every template: the inbox
 * says it in its sentence, and composeMessage puts it in the template's field labelled `WISH_NUMBER_LABEL`.
 */
export const WISH_NUMBER_VALUE = 'wishNo';

/**
 * The value a 收到派单 carries who sent the wish in, for the inbox's sentence (WeChat's template has no field for it):
 * the community unless said, the town (镇街派单) or the unit's admin handing the unit's claim to a member. Without it
 * 陈静 read "社区把心愿…派给了您" of what 王丽华 had handed her.
 */
export const ASSIGNED_BY_VALUE = 'by';

/**
 * The field of a wish's subscribe message that shows its number: a `character_string` (letters, digits and
 * symbols, 32 at most: TY-2026-0123 is 12), the one field type that takes the number whole and as written. Its
 * key (`character_string4`, …) is the field's place in the template chosen in the mini-program's console.
 */
export const WISH_NUMBER_LABEL = '心愿编号';

/** The announcement values that carry a wish's number (none for a wish that has none). */
export function wishNumberValues(wish: { number?: string }): Record<string, string> {
  return wish.number ? { [WISH_NUMBER_VALUE]: wish.number } : {};
}

export const NotificationTemplates: Record<NotificationTemplateKey, NotificationTemplate> = {
  wish_approved: { key: 'wish_approved', title: '心愿审核通过', fields: { thing1: '心愿', phrase2: '状态', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  wish_rejected: { key: 'wish_rejected', title: '心愿未通过审核', fields: { thing1: '心愿', thing2: '原因', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  wish_claimed: { key: 'wish_claimed', title: '心愿已被认领', fields: { thing1: '心愿', name2: '认领人', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  wish_assigned: { key: 'wish_assigned', title: '收到派单', fields: { thing1: '心愿', thing2: '地点', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  wish_completed: { key: 'wish_completed', title: '心愿已完成', fields: { thing1: '心愿', name2: '服务人', time3: '完成时间', character_string4: WISH_NUMBER_LABEL } },
  wish_disputed: { key: 'wish_disputed', title: '居民反映心愿未完成', fields: { thing1: '心愿', thing2: '原因', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  rate_reminder: { key: 'rate_reminder', title: '请评价本次服务', fields: { thing1: '心愿', thing2: '提示', character_string3: WISH_NUMBER_LABEL } },
  new_pending_wish: { key: 'new_pending_wish', title: '新心愿待审核', fields: { thing1: '心愿', phrase2: '类别', time3: '提交时间', character_string4: WISH_NUMBER_LABEL } },
  nearby_wish: { key: 'nearby_wish', title: '附近有新心愿', fields: { thing1: '心愿', thing2: '地点', character_string3: '距离', character_string4: WISH_NUMBER_LABEL } },
  wish_escalated: { key: 'wish_escalated', title: '心愿超时未认领', fields: { thing1: '心愿', phrase2: '级别', time3: '提交时间', character_string4: WISH_NUMBER_LABEL } },
  wish_supervised: { key: 'wish_supervised', title: '镇街督办', fields: { thing1: '心愿', phrase2: '督办事项', thing3: '督办内容', character_string4: WISH_NUMBER_LABEL } },
  wish_nudged: { key: 'wish_nudged', title: '居民催一催', fields: { thing1: '心愿', thing2: '提示', time3: '提交时间', character_string4: WISH_NUMBER_LABEL } },
  wish_waiting: { key: 'wish_waiting', title: '居民催一催', fields: { thing1: '心愿', phrase2: '状态', time3: '提交时间', character_string4: WISH_NUMBER_LABEL } },
  lease_expired: { key: 'lease_expired', title: '认领已超时', fields: { thing1: '心愿', thing2: '提示', character_string3: WISH_NUMBER_LABEL } },
  claim_recalled: { key: 'claim_recalled', title: '社区收回了心愿', fields: { thing1: '心愿', thing2: '原因', time3: '时间', character_string4: WISH_NUMBER_LABEL } },
  helper_withdrawn: { key: 'helper_withdrawn', title: '服务人有变动', fields: { thing1: '心愿', thing2: '提示', character_string3: WISH_NUMBER_LABEL } },
  work_returned: { key: 'work_returned', title: '心愿退回待认领', fields: { thing1: '心愿', thing2: '原因', character_string3: WISH_NUMBER_LABEL } },
  join_requested: { key: 'join_requested', title: '新的入社申请', fields: { name1: '申请人', thing2: '申请身份', time3: '申请时间' } },
  join_decided: { key: 'join_decided', title: '入社申请结果', fields: { thing1: '社区', phrase2: '结果', thing3: '说明' } },
  story_consent_requested: { key: 'story_consent_requested', title: '社区想分享您的心愿故事', fields: { thing1: '心愿', thing2: '提示', character_string3: WISH_NUMBER_LABEL } },
  story_consent_answered: { key: 'story_consent_answered', title: '居民答复了微故事', fields: { thing1: '故事', phrase2: '答复', thing3: '说明' } },
  activity_changed: { key: 'activity_changed', title: '活动有变动', fields: { thing1: '活动', thing2: '变动', time3: '活动时间' } },
  activity_cancelled: { key: 'activity_cancelled', title: '活动已取消', fields: { thing1: '活动', thing2: '原因', time3: '原定时间' } },
};

/** A field's value, or nothing when it was left out (composed messages write '—' for those). */
type Said = (v: (field: string) => string) => string;

/** A wish as staff's messages name it: its title, and its number to search or say on the phone. */
const named = (v: (field: string) => string) => `「${v('thing1')}」${v(WISH_NUMBER_VALUE) ? `（${v(WISH_NUMBER_VALUE)}）` : ''}`;

/**
 * Each message as a person would say it, for the in-app inbox (WeChat's subscribe message keeps its
 * labelled fields): who did what to which wish, and what the reader can do now.
 */
export const InboxSentences: Record<NotificationTemplateKey, Said> = {
  wish_approved: (v) => `您的心愿「${v('thing1')}」通过了审核，附近的志愿者现在能看到它了。`,
  wish_rejected: (v) => `您的心愿「${v('thing1')}」没有通过审核${v('thing2') ? `，原因是：${v('thing2')}` : ''}。您可以修改后重新提交。`,
  wish_claimed: (v) => `${v('name2') || '志愿者'}认领了您的心愿「${v('thing1')}」，会尽快联系您。`,
  wish_assigned: (v) => `${v(ASSIGNED_BY_VALUE) || '社区'}把心愿${named(v)}派给了您${v('thing2') ? `，地点在${v('thing2')}` : ''}，请尽快查看。`,
  wish_completed: (v) => `${v('name2') || '志愿者'}完成了您的心愿「${v('thing1')}」，请您确认并评价。`,
  rate_reminder: (v) => `心愿「${v('thing1')}」已经完成，请您为这次服务打个分。`,
  wish_disputed: (v) => `居民说心愿${named(v)}还没有完成${v('thing2') ? `：${v('thing2')}` : ''}。请联系居民，处理好后再点完成。`,
  new_pending_wish: (v) => `有一个${v('phrase2') ? `${v('phrase2')}类的` : ''}新心愿${named(v)}等您审核。`,
  nearby_wish: (v) => `${v('character_string3') === '紧急' ? '附近有紧急心愿' : '您附近有新心愿'}「${v('thing1').replace(/^【紧急】/, '')}」${v('thing2') ? `，在${v('thing2')}` : ''}，需要人帮忙。`,
  wish_escalated: (v) => `心愿${named(v)}等了很久还没人认领，已经上报到${v('phrase2') || '社区'}。`,
  wish_supervised: (v) => `镇街对心愿${named(v)}${v('phrase2') || '督办'}${v('thing3') ? `：${v('thing3')}` : ''}。`,
  wish_nudged: (v) => `居民在催了：您手上的心愿${named(v)}还在等您，请尽快联系居民。`,
  wish_waiting: (v) => `居民在催了：心愿${named(v)}${v('phrase2') ? `一直${v('phrase2')}` : '还没有进展'}，请尽快安排。`,
  lease_expired: (v) => `您认领的心愿「${v('thing1')}」超时没有开始，已经退回任务大厅。`,
  claim_recalled: (v) => `社区收回了您手上的心愿「${v('thing1')}」${v('thing2') ? `，原因是：${v('thing2')}` : ''}。您不用再上门了。`,
  helper_withdrawn: (v) => `为您服务的人暂时不能继续，心愿「${v('thing1')}」已重新等待认领，社区会尽快另行安排。`,
  work_returned: (v) => `心愿${named(v)}已退回任务大厅${v('thing2') ? `（${v('thing2')}）` : ''}，请看看是否需要重新派单。`,
  join_requested: (v) => `${v('name1') || '有人'}申请${v('thing2') ? `以${v('thing2')}身份` : ''}加入社区，请您审核。`,
  join_decided: (v) => `您加入${v('thing1') || '社区'}的申请${v('phrase2') || '有了结果'}${v('thing3') ? `，${v('thing3')}` : ''}。`,
  story_consent_requested: (v) => `社区想把您的心愿「${v('thing1')}」写成微故事分享，请您看看是否同意。`,
  story_consent_answered: (v) => `居民答复了微故事「${v('thing1')}」${v('phrase2') ? `：${v('phrase2')}` : ''}${v('thing3') ? `，${v('thing3')}` : ''}。`,
  activity_changed: (v) => `您报名的活动「${v('thing1')}」有变动${v('thing2') ? `：${v('thing2')}` : ''}。请按新的安排参加，去不了可以在活动页取消报名。`,
  activity_cancelled: (v) => `您报名的活动「${v('thing1')}」取消了${v('thing2') ? `，原因是：${v('thing2')}` : ''}。不用再去了。`,
};
