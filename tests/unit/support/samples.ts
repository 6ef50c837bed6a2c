import type { ActionInput, ActionName, FunctionName } from '@shared';

/** A valid `data` for every action: what a client would send. */
type Samples = { [F in FunctionName]: { [A in ActionName<F>]: ActionInput<F, A> } };

const point = { type: 'Point' as const, coordinates: [113.9823, 31.2561] as [number, number] };
const wishId = '65f1c2a9b3e4d5f6a7b8c9d0';
const newWish = {
  category: 'repair' as const,
  title: '厨房水管漏水',
  description: '独居老人家中水管漏水，需要帮忙维修',
  location: point,
  address: '幸福小区3栋2单元501室',
  buildingId: 'b3',
  contactPhone: '13812345678',
  preferredTime: { from: '2026-03-02T01:00:00Z', to: '2026-03-02T12:00:00+08:00' },
  helpersNeeded: 2,
  anonymous: true,
};

export const SAMPLES: Samples = {
  wishes: {
    create: newWish,
    update: { wishId, title: '厨房和卫生间水管漏水', contactPhone: '0719-4321567' },
    cancel: { wishId, reason: '已自行解决' },
    mine: { status: 'open', limit: 10 },
    detail: { wishId },
    confirm: { wishId },
    dispute: { wishId, reason: '水管还在漏水' },
    rate: { wishId, stars: 5, comment: '非常及时' },
    resubmit: { wishId, address: '幸福小区3栋2单元501室' },
    similar: { category: 'repair', location: { type: 'Point', coordinates: [113.98, 31.25] } },
  },
  tasks: {
    nearby: { lng: 113.98, lat: 31.25, radiusM: 2000, category: 'repair', limit: 20 },
    claim: { wishId, asUnit: 'unit1' },
    extend: { wishId },
    release: { wishId, reason: '临时出差' },
    start: { wishId },
    progress: { wishId, note: '已上门查看', photos: ['cloud://env/photo1.jpg'] },
    complete: { wishId, note: '已修好', photos: ['cloud://env/photo2.jpg'], hours: 1.5 },
    mine: { status: 'claimed' },
    accept: { wishId },
    decline: { wishId, reason: '不在本地' },
    handover: { wishId, toUserId: 'member', note: '小王负责' },
  },
  dispatch: {
    queue: { status: 'pending_review', gridId: 'grid1', limit: 20 },
    approve: { wishId, assignTo: { kind: 'unit', id: 'unit1' }, priority: 'urgent' },
    reject: { wishId, reason: '信息不全' },
    assign: { wishId, assignTo: { kind: 'user', id: 'pm1' }, note: '就近派给党员' },
    proxyCreate: { ...newWish, channel: 'door_visit', beneficiary: { name: '李奶奶', phone: '13900001111' }, priority: 'high', approveNow: true },
    escalations: { level: 'town' },
    cancel: { wishId, reason: '重复录入' },
  },
  org: {
    me: {},
    updateMe: { showFullName: true },
    community: {},
    updateSettings: { settings: { leaseHours: 48, maxExtensions: 1 } },
    grids: {},
    saveGrid: { name: '第一网格', gridWorkerId: 'gw1', buildingIds: ['b1', 'b2'] },
    compounds: {},
    saveCompound: { name: '幸福小区', location: point },
    buildings: { compoundId: 'cp1' },
    saveBuilding: { compoundId: 'cp1', name: '3栋', gridId: 'grid1' },
    units: {},
    saveUnit: { name: '县供电公司', kind: 'enterprise', contactName: '王经理', contactPhone: '0719-1234567' },
    partyBranches: {},
    members: { role: 'party_member', q: '张', limit: 20 },
    roles: { userId: 'u1', roles: ['volunteer', 'party_member'], partyBranchId: 'pb1' },
    invites: { role: 'volunteer', unitId: 'unit1', expiresInHours: 24 },
    acceptInvite: { code: 'AB12CD34', name: '张三' },
    listInvites: { state: 'active', limit: 20 },
    revokeInvite: { code: 'AB12CD34' },
    requestJoin: { communityId: 'com1', name: '张三', phone: '13800000000', note: '住在3栋，想参加志愿服务', roles: ['resident', 'volunteer'] },
    joinRequests: { status: 'pending' },
    decideJoin: { requestId: 'jr1', approve: false, reason: '请先到社区居委会登记住址' },
    myDuty: {},
    setDuty: { slots: [{ days: [1, 3, 5], from: '18:00', to: '21:00' }], urgentAlerts: true },
    onDuty: {},
  },
  stats: {
    overview: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    breakdown: { by: 'category' },
    leaderboard: { kind: 'party_branch', metric: 'hours', limit: 10 },
    wall: { limit: 20 },
    export: { format: 'xlsx' },
  },
  notify: {
    subscribe: { results: [{ template: 'wish_approved', accepted: true }, { template: 'wish_claimed', accepted: false }] },
    inbox: { unreadOnly: true },
    read: { ids: ['n1', 'n2'] },
  },
  cron: {
    tick: { jobs: ['leases', 'escalation'] },
  },
  certificates: {
    issue: { from: '2026-01-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' },
    download: { serial: 'ZY-20260701-AB12CD34' },
    verify: { serial: 'ZY-20260701-AB12CD34' },
    mine: {},
  },
};
