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
  'lease_expired',
  'join_requested',
  'join_decided',
  'story_consent_requested',
  'story_consent_answered',
] as const;

export type NotificationTemplateKey = (typeof NotificationTemplateKeys)[number];

export interface NotificationTemplate {
  key: NotificationTemplateKey;
  /** Inbox title. */
  title: string;
  /** Field name → what it shows, in display order. */
  fields: Record<string, string>;
}

export const NotificationTemplates: Record<NotificationTemplateKey, NotificationTemplate> = {
  wish_approved: { key: 'wish_approved', title: '心愿审核通过', fields: { thing1: '心愿', phrase2: '状态', time3: '时间' } },
  wish_rejected: { key: 'wish_rejected', title: '心愿未通过审核', fields: { thing1: '心愿', thing2: '原因', time3: '时间' } },
  wish_claimed: { key: 'wish_claimed', title: '心愿已被认领', fields: { thing1: '心愿', name2: '认领人', time3: '时间' } },
  wish_assigned: { key: 'wish_assigned', title: '收到派单', fields: { thing1: '心愿', thing2: '地点', time3: '时间' } },
  wish_completed: { key: 'wish_completed', title: '心愿已完成', fields: { thing1: '心愿', name2: '服务人', time3: '完成时间' } },
  wish_disputed: { key: 'wish_disputed', title: '居民反映心愿未完成', fields: { thing1: '心愿', thing2: '原因', time3: '时间' } },
  rate_reminder: { key: 'rate_reminder', title: '请评价本次服务', fields: { thing1: '心愿', thing2: '提示' } },
  new_pending_wish: {
    key: 'new_pending_wish',
    title: '新心愿待审核',
    fields: { thing1: '心愿', phrase2: '类别', time3: '提交时间' },
  },
  nearby_wish: { key: 'nearby_wish', title: '附近有新心愿', fields: { thing1: '心愿', thing2: '地点', character_string3: '距离' } },
  wish_escalated: { key: 'wish_escalated', title: '心愿超时未认领', fields: { thing1: '心愿', phrase2: '级别', time3: '提交时间' } },
  wish_supervised: { key: 'wish_supervised', title: '镇街督办', fields: { thing1: '心愿', phrase2: '督办事项', thing3: '督办内容' } },
  lease_expired: { key: 'lease_expired', title: '认领已超时', fields: { thing1: '心愿', thing2: '提示' } },
  join_requested: { key: 'join_requested', title: '新的入社申请', fields: { name1: '申请人', thing2: '申请身份', time3: '申请时间' } },
  join_decided: { key: 'join_decided', title: '入社申请结果', fields: { thing1: '社区', phrase2: '结果', thing3: '说明' } },
  story_consent_requested: { key: 'story_consent_requested', title: '社区想分享您的心愿故事', fields: { thing1: '心愿', thing2: '提示' } },
  story_consent_answered: { key: 'story_consent_answered', title: '居民答复了微故事', fields: { thing1: '故事', phrase2: '答复', thing3: '说明' } },
};
