/** How a wish reached the community; staff record it when entering a wish on a resident's behalf. */
export const Channels = ['miniprogram', 'wechat_group', 'qq', 'phone', 'door_visit', 'onsite', 'open311'] as const;

export type Channel = (typeof Channels)[number];

export const ChannelLabels: Record<Channel, string> = {
  miniprogram: '小程序',
  wechat_group: '微信群',
  qq: 'QQ',
  phone: '电话',
  door_visit: '入户走访',
  onsite: '现场',
  /** A civic-tech client posting through the Open311 endpoint with a key the secretary issued (docs/open311.md). */
  open311: '开放接口',
};

/** Channels a proxy entry may name (a resident's own post is always 'miniprogram'). */
export const ProxyChannels = ['wechat_group', 'qq', 'phone', 'door_visit', 'onsite', 'miniprogram'] as const satisfies readonly Channel[];
