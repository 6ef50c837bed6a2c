/** Every step a wish's timeline can record; `create` starts it, the rest are in the transition table. */
export const WishActions = [
  'create',
  'approve',
  'reject',
  'resubmit',
  'update',
  'cancel',
  'claim',
  'extend',
  'release',
  'expire',
  'assign',
  'accept',
  'decline',
  'handover',
  'start',
  'progress',
  'complete',
  'confirm',
  'dispute',
  'rate',
  'escalate',
  'urge',
  'reassign',
  'nudge',
  'townAssign',
  'recall',
  'vacate',
  'transcribe',
] as const;

export type WishAction = (typeof WishActions)[number];

export const WishActionLabels: Record<WishAction, string> = {
  create: '提交心愿',
  approve: '审核通过',
  reject: '审核未通过',
  resubmit: '重新提交',
  update: '修改心愿',
  cancel: '取消心愿',
  claim: '认领',
  extend: '延长认领',
  release: '放弃认领',
  expire: '认领超时',
  assign: '派单',
  accept: '接受派单',
  decline: '拒绝派单',
  handover: '转交成员',
  start: '开始服务',
  progress: '进展反馈',
  complete: '完成服务',
  confirm: '确认完成',
  dispute: '有异议，未完成',
  rate: '评价',
  escalate: '超时上报',
  urge: '镇街催办',
  reassign: '镇街改派社区',
  townAssign: '镇街派给共建单位',
  nudge: '居民催一催',
  recall: '社区收回认领',
  vacate: '服务人停用，退回',
  transcribe: '整理语音内容',
};

/** Where a step reads better on the timeline as a sentence than as its label. */
export const TimelinePhrases: Partial<Record<WishAction, string>> = {
  transcribe: '工作人员整理了语音内容',
};

/** 督办: what the town does about a wish its community has not moved (each an event, each in the escalation list). */
export const SupervisionActions = ['urge', 'reassign', 'townAssign'] as const satisfies readonly WishAction[];
export type SupervisionAction = (typeof SupervisionActions)[number];
