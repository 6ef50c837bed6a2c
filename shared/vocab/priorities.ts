/** Urgent incidents are dispatched at once (the seed's falling-bottle injury). */
export const Priorities = ['normal', 'high', 'urgent'] as const;

export type Priority = (typeof Priorities)[number];

export const PriorityLabels: Record<Priority, string> = {
  normal: '普通',
  high: '优先',
  urgent: '紧急',
};

export const DEFAULT_PRIORITY: Priority = 'normal';
