import type { Category, Channel, DutyRoster, UnitKind, UnitLevel, WishState } from '@shared';
import type { GeoPoint } from '@shared';
import type { MembershipDoc } from '../cloudfunctions/_core/store/types';

/**
 * The demo, modelled on the two news reports in seeds/: 桃源社区 (花园镇, 孝昌县), where
 * staff dispatch rides to vaccinations and a falling-bottle injury, and 狮子山社区
 * (城关镇, 白河县) with its four-level party tree and 香城苑小区. Coordinates are gcj02.
 */
const pt = (lng: number, lat: number): GeoPoint => ({ type: 'Point', coordinates: [lng, lat] });

export const TOWNS = [
  { _id: 'town-huayuan', name: '花园镇' },
  { _id: 'town-chengguan', name: '城关镇' },
];

/** `code`: what the community's wish numbers start with (TY-2026-0123), shared/wishNumber. */
export const COMMUNITIES = [
  { _id: 'com-taoyuan', townId: 'town-huayuan', name: '桃源社区', code: 'TY', address: '湖北省孝感市孝昌县花园镇桃源社区', location: pt(113.9935, 31.2525), settings: {} },
  // A neighbour of 桃源 under the same town: where the town's 督办 can move a wish nobody in 桃源 took.
  { _id: 'com-huayuanjie', townId: 'town-huayuan', name: '花园街社区', code: 'HYJ', address: '湖北省孝感市孝昌县花园镇花园街社区', location: pt(113.9872, 31.2561), settings: {} },
  { _id: 'com-shizishan', townId: 'town-chengguan', name: '狮子山社区', code: 'SZS', address: '陕西省安康市白河县城关镇狮子山社区', location: pt(110.1125, 32.8093), settings: {} },
];

export const COMPOUNDS = [
  { _id: 'cpd-taoyuan', communityId: 'com-taoyuan', name: '桃源小区', location: pt(113.9941, 31.2531) },
  { _id: 'cpd-huayuan-xincun', communityId: 'com-taoyuan', name: '花园新村', location: pt(113.9902, 31.2508) },
  { _id: 'cpd-xiangchengyuan', communityId: 'com-shizishan', name: '香城苑小区', location: pt(110.1131, 32.8101) },
];

/** Outlines (gcj02 corners) drawn around each grid's buildings, as a secretary would trace them on the map. */
export const GRIDS: { _id: string; communityId: string; name: string; buildingIds: string[]; boundary: [number, number][] }[] = [
  {
    _id: 'grid-taoyuan-1', communityId: 'com-taoyuan', name: '桃源第一网格', buildingIds: ['bld-g1', 'bld-g2', 'bld-g3'],
    boundary: [[113.9926, 31.2532], [113.9948, 31.2532], [113.9948, 31.2544], [113.9935, 31.2545], [113.9926, 31.2541]],
  },
  {
    _id: 'grid-taoyuan-2', communityId: 'com-taoyuan', name: '桃源第二网格', buildingIds: ['bld-g4', 'bld-g5', 'bld-g6'],
    boundary: [[113.9938, 31.2531], [113.9962, 31.2531], [113.9962, 31.2518], [113.9944, 31.2518], [113.9938, 31.2524]],
  },
  {
    _id: 'grid-taoyuan-3', communityId: 'com-taoyuan', name: '花园新村网格', buildingIds: ['bld-x1', 'bld-x2'],
    boundary: [[113.9892, 31.2499], [113.9912, 31.2499], [113.9912, 31.2516], [113.9892, 31.2516]],
  },
  {
    _id: 'grid-xcy-1', communityId: 'com-shizishan', name: '香城苑网格', buildingIds: ['bld-xcy-1', 'bld-xcy-2'],
    boundary: [[110.1122, 32.8094], [110.1141, 32.8094], [110.1141, 32.8109], [110.1122, 32.8109]],
  },
];

const building = (id: string, communityId: string, compoundId: string, name: string, gridId: string, lng: number, lat: number) => ({
  _id: id, communityId, compoundId, name, gridId, location: pt(lng, lat),
});
export const BUILDINGS = [
  building('bld-g1', 'com-taoyuan', 'cpd-taoyuan', 'G1栋', 'grid-taoyuan-1', 113.9932, 31.2536),
  building('bld-g2', 'com-taoyuan', 'cpd-taoyuan', 'G2栋', 'grid-taoyuan-1', 113.9937, 31.2538),
  building('bld-g3', 'com-taoyuan', 'cpd-taoyuan', 'G3栋', 'grid-taoyuan-1', 113.9943, 31.2539),
  building('bld-g4', 'com-taoyuan', 'cpd-taoyuan', 'G4栋', 'grid-taoyuan-2', 113.9946, 31.2529),
  building('bld-g5', 'com-taoyuan', 'cpd-taoyuan', 'G5栋', 'grid-taoyuan-2', 113.9951, 31.2527),
  building('bld-g6', 'com-taoyuan', 'cpd-taoyuan', 'G6栋', 'grid-taoyuan-2', 113.9955, 31.2524),
  building('bld-x1', 'com-taoyuan', 'cpd-huayuan-xincun', '新村1栋', 'grid-taoyuan-3', 113.9898, 31.2511),
  building('bld-x2', 'com-taoyuan', 'cpd-huayuan-xincun', '新村2栋', 'grid-taoyuan-3', 113.9905, 31.2504),
  building('bld-xcy-1', 'com-shizishan', 'cpd-xiangchengyuan', '香城苑1号楼', 'grid-xcy-1', 110.1128, 32.8104),
  building('bld-xcy-2', 'com-shizishan', 'cpd-xiangchengyuan', '香城苑2号楼', 'grid-xcy-1', 110.1135, 32.8099),
];

export const PARTY_BRANCHES = [
  { _id: 'pb-huayuan', level: 'town' as const, name: '花园镇党委', townId: 'town-huayuan' },
  { _id: 'pb-taoyuan', level: 'community' as const, name: '桃源社区党总支', parentId: 'pb-huayuan', townId: 'town-huayuan', communityId: 'com-taoyuan' },
  { _id: 'pb-taoyuan-xq', level: 'compound' as const, name: '桃源小区党支部', parentId: 'pb-taoyuan', townId: 'town-huayuan', communityId: 'com-taoyuan', compoundId: 'cpd-taoyuan' },
  { _id: 'pb-taoyuan-g5', level: 'building' as const, name: 'G5栋党小组', parentId: 'pb-taoyuan-xq', townId: 'town-huayuan', communityId: 'com-taoyuan', compoundId: 'cpd-taoyuan', buildingId: 'bld-g5' },
  // 双报到: the branch of a co-building unit, where its in-service party members belong before reporting where they live.
  { _id: 'pb-fuyou', level: 'unit' as const, name: '孝昌县妇幼保健院党支部', parentId: 'pb-taoyuan', townId: 'town-huayuan', communityId: 'com-taoyuan', unitId: 'unit-fuyou' },
  { _id: 'pb-chengguan', level: 'town' as const, name: '城关镇党委', townId: 'town-chengguan' },
  { _id: 'pb-shizishan', level: 'community' as const, name: '狮子山社区党总支', parentId: 'pb-chengguan', townId: 'town-chengguan', communityId: 'com-shizishan' },
  { _id: 'pb-xcy', level: 'compound' as const, name: '香城苑小区党支部', parentId: 'pb-shizishan', townId: 'town-chengguan', communityId: 'com-shizishan', compoundId: 'cpd-xiangchengyuan' },
];

const unit = (id: string, communityId: string, name: string, kind: UnitKind, contactName: string, contactPhone: string, level?: UnitLevel) => ({
  _id: id, communityId, name, kind, contactName, contactPhone, ...(level ? { level } : {}),
});
export const UNITS = [
  unit('unit-fuyou', 'com-taoyuan', '孝昌县妇幼保健院', 'public_institution', '王院长', '13971100001', 'county'),
  unit('unit-weishengyuan', 'com-taoyuan', '花园镇卫生院', 'public_institution', '赵医生', '13971100002', 'town'),
  unit('unit-sifasuo', 'com-taoyuan', '花园镇司法所', 'government', '孙所长', '13971100003', 'town'),
  unit('unit-wuye', 'com-taoyuan', '桃源物业服务中心', 'property_company', '周经理', '13971100004'),
  unit('unit-juweihui', 'com-taoyuan', '桃源社区居委会', 'residents_committee', '吴主任', '13971100005'),
  unit('unit-yeweihui', 'com-taoyuan', '桃源小区业委会', 'owners_committee', '郑主任', '13971100006'),
  unit('unit-aixin', 'com-taoyuan', '爱心车队志愿服务队', 'volunteer_team', '冯队长', '13971100007'),
  unit('unit-yuanshaohui', 'com-shizishan', '白河县援少会', 'social_org', '余会长', '13991500001', 'county'),
];

/**
 * A demo person: `title` (who they are) and `does` (what to try as them) are the one description the
 * login page, the start-up banner and the README's table all show (tests/unit/demo-people checks the README).
 */
export interface SeedUser { key: string; name: string; title: string; does: string; phone?: string; memberships: MembershipDoc[] }
const tao = (roles: MembershipDoc['roles'], extra: Partial<MembershipDoc> = {}): MembershipDoc => ({ communityId: 'com-taoyuan', townId: 'town-huayuan', roles, ...extra });
export const USERS: SeedUser[] = [
  { key: 'resident', name: '胡秀兰', title: '居民', does: '发布心愿，跟进进度，确认完成并评价', phone: '13807120001', memberships: [tao(['resident'], { buildingId: 'bld-g5' })] },
  { key: 'resident2', name: '杨建国', title: '居民', does: '桃源社区的另一位居民：邻居的心愿只看到公开的部分', phone: '13807120002', memberships: [tao(['resident'], { buildingId: 'bld-g2' })] },
  { key: 'elder', name: '李桂英', title: '独居老人', does: '心愿由网格员代录；女儿刘佳用时间银行为她发布的心愿也在她的账号里，由她确认完成并评价', phone: '07194567890', memberships: [tao(['resident'], { buildingId: 'bld-x1' })] },
  { key: 'volunteer', name: '张晓东', title: '志愿者', does: '在任务大厅认领附近的心愿，上门服务并反馈', phone: '13807120004', memberships: [tao(['resident', 'volunteer'], { buildingId: 'bld-g3' })] },
  { key: 'volunteer2', name: '刘佳', title: '志愿者', does: '第二位志愿者，李桂英的女儿：和张晓东一起认领需要两人的心愿，用攒下的时间银行小时为母亲发布心愿', phone: '13807120009', memberships: [tao(['resident', 'volunteer'], { buildingId: 'bld-g4' })] },
  { key: 'party_member', name: '彭卫国', title: '下沉党员', does: '接受社区派单，认领、服务，计入党组织', phone: '13807120005', memberships: [tao(['resident', 'party_member'], { partyBranchId: 'pb-taoyuan-g5', buildingId: 'bld-g5' })] },
  { key: 'unit_admin', name: '王丽华', title: '共建单位管理员', does: '以孝昌县妇幼保健院的名义认领，转交给单位成员', phone: '13807120006', memberships: [tao(['unit_admin'], { unitId: 'unit-fuyou', partyBranchId: 'pb-taoyuan' })] },
  { key: 'unit_member', name: '陈静', title: '共建单位成员', does: '完成单位管理员转交的任务', phone: '13807120007', memberships: [tao(['volunteer'], { unitId: 'unit-fuyou' })] },
  { key: 'grid_worker', name: '陈志强', title: '网格员', does: '替老人代录心愿，处理本网格的心愿', phone: '13807120008', memberships: [tao(['grid_worker'], { gridIds: ['grid-taoyuan-2', 'grid-taoyuan-3'] })] },
  { key: 'secretary', name: '彭书记', title: '社区书记', does: '桃源社区：审核、派单、管理组织，看统计', phone: '13807120010', memberships: [tao(['secretary', 'party_member'], { partyBranchId: 'pb-taoyuan' })] },
  { key: 'town_admin', name: '花园镇办', title: '镇街管理员', does: '花园镇：看全镇各社区，督办（催办、改派、派给镇级单位）', phone: '13807120011', memberships: [{ townId: 'town-huayuan', roles: ['town_admin'] }] },
  // 三方联动: the residents' committee, the owners' committee and the property company claim like any unit.
  { key: 'property_admin', name: '周国强', title: '物业公司管理员', does: '桃源物业服务中心：三方联动，以物业的名义认领', phone: '13807120013', memberships: [tao(['unit_admin'], { unitId: 'unit-wuye' })] },
  // Lives in 花园街社区, works for 桃源's property company: two communities, a role in each (he picks where he acts).
  {
    key: 'property_staff', name: '周建', title: '物业员工', does: '住在花园街社区、在桃源社区服务，两个社区各有身份', phone: '13807120014',
    memberships: [tao(['volunteer'], { unitId: 'unit-wuye' }), { communityId: 'com-huayuanjie', townId: 'town-huayuan', roles: ['resident'] }],
  },
  { key: 'committee_admin', name: '吴秀梅', title: '居委会管理员', does: '桃源社区居委会：三方联动，以居委会的名义认领', phone: '13807120015', memberships: [tao(['unit_admin'], { unitId: 'unit-juweihui' })] },
  { key: 'owners_admin', name: '郑国华', title: '业委会管理员', does: '桃源小区业委会：三方联动，以业委会的名义认领', phone: '13807120016', memberships: [tao(['unit_admin'], { unitId: 'unit-yeweihui' })] },
  { key: 'secretary_hy', name: '刘书记', title: '社区书记', does: '花园街社区（同镇）：接收镇街改派过来的心愿', phone: '13807120012', memberships: [{ communityId: 'com-huayuanjie', townId: 'town-huayuan', roles: ['secretary'] }] },
  { key: 'secretary2', name: '张书记', title: '社区书记', does: '狮子山社区（另一个镇）：看不到桃源社区的任何数据', phone: '13991500010', memberships: [{ communityId: 'com-shizishan', townId: 'town-chengguan', roles: ['secretary'] }] },
  { key: 'volunteer_bh', name: '余刚', title: '志愿者', does: '狮子山社区，白河县援少会成员', phone: '13991500011', memberships: [{ communityId: 'com-shizishan', townId: 'town-chengguan', roles: ['resident', 'volunteer'], unitId: 'unit-yuanshaohui' }] },
  { key: 'resident_bh', name: '郑大爷', title: '居民', does: '狮子山社区的居民', phone: '13991500012', memberships: [{ communityId: 'com-shizishan', townId: 'town-chengguan', roles: ['resident'], buildingId: 'bld-xcy-1' }] },
];

/** What each demo user is for, printed at start. */
export const USER_NOTES: Record<string, string> = Object.fromEntries(USERS.map((u) => [u.key, `${u.title} ${u.name}：${u.does}`]));

export interface SeedWish {
  key: string;
  by: string;
  category: Category;
  title: string;
  description: string;
  building: string;
  daysAgo: number;
  state: WishState;
  proxy?: { channel: Channel; for: string };
  helpers?: number;
  claimer?: string;
  asUnit?: string;
  assignTo?: { kind: 'user' | 'unit'; id: string };
  urgent?: boolean;
  anonymous?: boolean;
  stars?: number;
  comment?: string;
  reason?: string;
  /** 时间银行: posted for this family member (a link of FAMILY_LINKS), paid with `paidHours` of the poster's hours. */
  forFamily?: string;
  paidHours?: number;
}

/**
 * 时间银行 family links, asked by `from` (by the other's phone) and accepted by `to`; `relation` is what `to` is to
 * `from`. 刘佳 volunteers and has hours in the bank from the wishes she served; she spends two of them on help for
 * her mother 李桂英, who lives alone (WISHES `family-checkup`).
 */
export const FAMILY_LINKS: { from: string; to: string; relation: 'parent' | 'child' | 'spouse' | 'sibling' }[] = [
  { from: 'volunteer2', to: 'elder', relation: 'parent' },
];

const w = (s: SeedWish) => s;
/**
 * The demo's history. Nothing of the demo resident's is dated today: the posting limit counts a
 * rolling day, and a newcomer trying the demo as 居民 must be able to post several wishes.
 */
/**
 * Who is on duty in the demo, so 正在值班 and the urgent announcements have someone in them
 * whenever a newcomer looks (China time): the volunteer covers the day, the party member evenings
 * and weekends, and 刘佳 keeps Saturday mornings without urgent alerts.
 */
export const DUTY_ROSTERS: { user: string; roster: DutyRoster }[] = [
  { user: 'volunteer', roster: { slots: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '22:00' }], urgentAlerts: true } },
  { user: 'party_member', roster: { slots: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:30' }, { days: [6, 7], from: '08:00', to: '20:00' }], urgentAlerts: true } },
  { user: 'volunteer2', roster: { slots: [{ days: [6], from: '09:00', to: '12:00' }], urgentAlerts: false } },
];

export const WISHES: SeedWish[] = [
  w({ key: 'vaccine-ride', by: 'elder', proxy: { channel: 'phone', for: 'elder' }, category: 'medical_trip', title: '预约接送去妇幼保健院打疫苗', description: '本人72岁，行动不便，希望社区安排车辆接送去孝昌县妇幼保健院接种疫苗。', building: 'bld-x1', daysAgo: 58, state: 'confirmed', claimer: 'unit_admin', asUnit: 'unit-fuyou', stars: 5, comment: '把我们送去打针又送回来，谢谢社区！' }),
  w({ key: 'bottle-injury', by: 'resident', category: 'daily_help', title: '楼下被高空坠物砸伤需要帮助', description: 'G5栋单元楼下被高空坠落的罐头玻璃瓶砸中右脚，需要陪同就医并排查坠物来源。', building: 'bld-g5', daysAgo: 50, state: 'confirmed', urgent: true, claimer: 'party_member', stars: 5, comment: '工作人员第一时间赶到，非常感谢' }),
  w({ key: 'faucet', by: 'resident2', category: 'repair', title: '厨房水龙头漏水请帮忙维修', description: '厨房水龙头一直滴水，家里没有工具，希望有懂维修的志愿者帮忙看看。', building: 'bld-g2', daysAgo: 45, state: 'confirmed', claimer: 'volunteer', stars: 4, comment: '修好了，很及时' }),
  w({ key: 'companion-li', by: 'grid_worker', proxy: { channel: 'door_visit', for: 'elder' }, category: 'companionship', title: '独居老人希望有人陪聊天', description: '入户走访时李奶奶说子女在外地，平时一个人在家，希望每周有人来陪她说说话。', building: 'bld-x1', daysAgo: 40, state: 'confirmed', claimer: 'volunteer2', anonymous: true, stars: 5, comment: '小刘每周都来，很开心' }),
  w({ key: 'legal-wage', by: 'resident2', category: 'legal_aid', title: '咨询拖欠工资如何维权', description: '在工地干活被拖欠三个月工资，想咨询如何通过法律途径维权。', building: 'bld-g2', daysAgo: 38, state: 'confirmed', assignTo: { kind: 'user', id: 'volunteer' }, claimer: 'volunteer', stars: 5 }),
  w({ key: 'rice-oil', by: 'grid_worker', proxy: { channel: 'wechat_group', for: 'elder' }, category: 'material', title: '困难家庭需要米面油', description: '微信群里反映花园新村一户困难家庭近期缺少米面油，希望爱心单位捐助。', building: 'bld-x2', daysAgo: 35, state: 'confirmed', claimer: 'volunteer', stars: 5 }),
  w({ key: 'blood-pressure', by: 'resident', category: 'health', title: '希望上门量血压做健康检查', description: '家中老人有高血压，行动不便，希望家庭医生上门测量血压。', building: 'bld-g5', daysAgo: 30, state: 'confirmed', claimer: 'unit_member', stars: 4 }),
  w({ key: 'neighbour-noise', by: 'resident', category: 'mediation', title: '楼上夜间噪音希望调解', description: '楼上住户经常深夜搬动家具，多次沟通无果，希望社区出面调解。', building: 'bld-g5', daysAgo: 27, state: 'confirmed', claimer: 'party_member', stars: 3, comment: '有改善' }),
  w({ key: 'light-bulb', by: 'resident2', category: 'repair', title: '楼道灯坏了需要更换', description: 'G2栋三楼楼道灯不亮，晚上上下楼很危险。', building: 'bld-g2', daysAgo: 24, state: 'confirmed', claimer: 'volunteer2', stars: 5 }),
  w({ key: 'pension-policy', by: 'elder', proxy: { channel: 'onsite', for: 'elder' }, category: 'policy', title: '咨询养老保险认证办理', description: '不知道每年的养老保险资格认证怎么在手机上办，希望有人教一下。', building: 'bld-x1', daysAgo: 21, state: 'confirmed', claimer: 'volunteer' }),
  w({ key: 'move-furniture', by: 'resident', category: 'daily_help', title: '搬运旧家具到楼下', description: '家里换了新沙发，旧沙发太重，需要两三个人帮忙搬到楼下回收点。', building: 'bld-g5', daysAgo: 2, state: 'done', claimer: 'volunteer', helpers: 1 }),
  w({ key: 'phone-teach', by: 'elder', proxy: { channel: 'phone', for: 'elder' }, category: 'policy', title: '教老人用手机视频通话', description: '想和外地的孙子视频，但不会用微信视频通话。', building: 'bld-x1', daysAgo: 1, state: 'done', claimer: 'volunteer2' }),
  w({ key: 'hospital-checkup', by: 'resident2', category: 'medical_trip', title: '陪同去卫生院复查', description: '腿脚不方便，下周二需要去花园镇卫生院复查，希望有人陪同。', building: 'bld-g2', daysAgo: 1, state: 'in_progress', claimer: 'party_member' }),
  w({ key: 'window-repair', by: 'resident', category: 'repair', title: '窗户合页松动关不严', description: '卧室窗户合页松动，下雨天会漏风漏雨。', building: 'bld-g5', daysAgo: 1, state: 'in_progress', claimer: 'unit_member', asUnit: 'unit-fuyou' }),
  w({ key: 'groceries', by: 'elder', proxy: { channel: 'phone', for: 'elder' }, category: 'daily_help', title: '帮忙代购蔬菜和药品', description: '腿伤未愈不便出门，希望有人帮忙买些蔬菜和常用药。', building: 'bld-x1', daysAgo: 0, state: 'claimed', claimer: 'volunteer' }),
  w({ key: 'clean-drain', by: 'resident2', category: 'repair', title: '卫生间下水道堵塞', description: '卫生间下水道堵了，自己疏通不了。', building: 'bld-g2', daysAgo: 0, state: 'claimed', claimer: 'volunteer2' }),
  w({ key: 'snow-path', by: 'grid_worker', proxy: { channel: 'qq', for: 'elder' }, category: 'daily_help', title: '清理小区门口积水', description: 'QQ群反映花园新村门口下雨后积水严重，老人进出不便。', building: 'bld-x2', daysAgo: 0, state: 'claimed', helpers: 3, claimer: 'party_member' }),
  w({ key: 'read-newspaper', by: 'resident', category: 'companionship', title: '给视力不好的老人读报', description: '家里老人视力下降，喜欢听新闻，希望有志愿者每周来读报。', building: 'bld-g5', daysAgo: 1, state: 'open' }),
  w({ key: 'wheelchair', by: 'resident2', category: 'material', title: '借用轮椅一个月', description: '家人术后需要轮椅，想向社区借用一个月。', building: 'bld-g2', daysAgo: 0, state: 'open' }),
  w({ key: 'tv-setup', by: 'elder', proxy: { channel: 'door_visit', for: 'elder' }, category: 'repair', title: '电视机顶盒调不出节目', description: '新换的机顶盒不会设置，电视看不了。', building: 'bld-x1', daysAgo: 0, state: 'open' }),
  w({ key: 'park-cleanup', by: 'resident', category: 'other', title: '小区花园需要义务清理', description: '小区中心花园杂草丛生，希望组织志愿者一起清理。', building: 'bld-g4', daysAgo: 1, state: 'open', helpers: 5 }),
  w({ key: 'tutor', by: 'resident2', category: 'daily_help', title: '孩子作业辅导', description: '双职工家庭，晚上希望有志愿者辅导小学三年级数学作业。', building: 'bld-g2', daysAgo: 4, state: 'open' }),
  w({ key: 'stair-rail', by: 'resident', category: 'repair', title: '楼梯扶手松动', description: 'G5栋一单元楼梯扶手松动，老人扶着很危险。', building: 'bld-g5', daysAgo: 2, state: 'assigned', assignTo: { kind: 'unit', id: 'unit-fuyou' } }),
  w({ key: 'insulin', by: 'elder', proxy: { channel: 'phone', for: 'elder' }, category: 'health', title: '上门指导胰岛素注射', description: '刚确诊糖尿病，不会自己打胰岛素，希望医生上门指导。', building: 'bld-x1', daysAgo: 0, state: 'assigned', assignTo: { kind: 'user', id: 'party_member' } }),
  w({ key: 'dog-bark', by: 'resident2', category: 'mediation', title: '邻居家狗整夜叫', description: '邻居家的狗经常整夜叫，影响休息，希望社区协调。', building: 'bld-g2', daysAgo: 0, state: 'pending_review' }),
  w({ key: 'gas-check', by: 'resident', category: 'daily_help', title: '燃气管道老化请检查', description: '厨房燃气管有异味，担心老化，希望安排人检查。', building: 'bld-g5', daysAgo: 1, state: 'pending_review', urgent: true }),
  w({ key: 'elder-bath', by: 'grid_worker', proxy: { channel: 'door_visit', for: 'elder' }, category: 'daily_help', title: '失能老人助浴服务', description: '入户走访发现一位失能老人需要定期助浴服务。', building: 'bld-x2', daysAgo: 0, state: 'pending_review' }),
  w({ key: 'ad-posting', by: 'resident2', category: 'other', title: '帮忙在群里发广告', description: '想请社区帮忙在业主群里发我店铺的打折广告。', building: 'bld-g2', daysAgo: 6, state: 'rejected', reason: '心愿服务不包括商业广告，可以联系物业公告栏' }),
  w({ key: 'parking', by: 'resident', category: 'other', title: '想要一个固定车位', description: '希望社区给我家分配一个固定停车位。', building: 'bld-g5', daysAgo: 8, state: 'rejected', reason: '车位由业委会统一分配，请联系业委会' }),
  w({ key: 'cancelled-ride', by: 'resident2', category: 'medical_trip', title: '去县医院拿药', description: '需要去县医院拿降压药。', building: 'bld-g2', daysAgo: 10, state: 'cancelled' }),
  w({ key: 'xcy-health', by: 'resident_bh', category: 'health', title: '上门健康检查', description: '老人希望有人上门做健康检查。', building: 'bld-xcy-1', daysAgo: 3, state: 'confirmed', claimer: 'volunteer_bh', stars: 5 }),
  w({ key: 'xcy-parking', by: 'resident_bh', category: 'daily_help', title: '小区车辆乱停影响出行', description: '香城苑小区车辆随意停放，轮椅过不去。', building: 'bld-xcy-1', daysAgo: 0, state: 'open' }),
  // Last, once 刘佳 has hours in the bank (companion-li, light-bulb): a withdrawal at work, waiting for her mother to confirm.
  w({ key: 'family-checkup', by: 'volunteer2', forFamily: 'elder', paidHours: 2, category: 'medical_trip', title: '陪母亲去卫生院复查血压', description: '我在外地上班，母亲一个人住、腿脚不便，想请志愿者陪她去花园镇卫生院复查血压，用我在时间银行攒的小时支付。', building: 'bld-x1', daysAgo: 1, state: 'done', claimer: 'volunteer' }),
];

/**
 * 集体活动, like the events of the seeds' reports: a 环境卫生整治 of 桃源小区 last week (two came and checked out, one
 * forgot to and the secretary entered it), a 健康义诊 with 孝昌县妇幼保健院 and a 防汛巡逻 coming up with places left,
 * and a clean-up of 香城苑小区 in 狮子山社区. `daysFromNow` is negative for one that is over; times are China's.
 */
export interface SeedActivity {
  key: string;
  by: string;
  title: string;
  category: 'environment' | 'clinic' | 'patrol' | 'publicity' | 'visit' | 'culture' | 'other';
  description: string;
  place: string;
  organizer: string;
  daysFromNow: number;
  /** China wall-clock hours of the day, start and end. */
  from: number;
  to: number;
  places: number;
  signUps: string[];
  /** Over: who checked in and out with the organiser's code, and who forgot to check out (entered by staff). */
  attended?: string[];
  forgotCheckOut?: string[];
}

export const ACTIVITIES: SeedActivity[] = [
  {
    key: 'cleanup-taoyuan', by: 'secretary', title: '桃源小区环境卫生整治', category: 'environment',
    description: '清理楼道杂物和小区绿化带垃圾，劝导车辆有序停放。请穿志愿红马甲，社区提供手套和垃圾袋。',
    place: '桃源小区中心广场', organizer: '桃源社区党总支', daysFromNow: -6, from: 8.5, to: 11.5, places: 15,
    signUps: ['volunteer', 'party_member', 'volunteer2'], attended: ['volunteer', 'party_member'], forgotCheckOut: ['volunteer2'],
  },
  {
    key: 'clinic-elders', by: 'secretary', title: '老年人健康义诊', category: 'clinic',
    description: '孝昌县妇幼保健院医生为60岁以上老人量血压、测血糖。志愿者负责引导排队、登记和搀扶行动不便的老人。',
    place: '桃源社区党群服务中心', organizer: '桃源社区党总支 · 孝昌县妇幼保健院', daysFromNow: 3, from: 9, to: 11.5, places: 8,
    signUps: ['volunteer2', 'unit_member'],
  },
  {
    key: 'flood-patrol', by: 'grid_worker', title: '汛期防洪堤巡逻', category: 'patrol',
    description: '沿河堤巡查水位和堤坡，劝离在河边游玩的群众，发现险情立即报告社区。请自备手电和雨具。',
    place: '花园新村北侧河堤', organizer: '桃源社区党总支', daysFromNow: 5, from: 19, to: 21, places: 6,
    signUps: [],
  },
  {
    key: 'cleanup-xcy', by: 'secretary2', title: '香城苑小区楼道杂物清理', category: 'environment',
    description: '清理楼道堆放的杂物，消除消防安全隐患。网格员、党员中心户、楼栋长和居民志愿者一起参加。',
    place: '香城苑小区1号楼前', organizer: '狮子山社区党支部', daysFromNow: 2, from: 15, to: 17, places: 10,
    signUps: ['volunteer_bh'],
  },
];

/**
 * 爱心超市 shelves, put there by each community's secretary: daily goods and small services a volunteer's
 * points buy (the seeds' 积分超市). Costs sit within reach of a few confirmed services (10 积分 an hour).
 */
export interface SeedStoreItem { by: string; name: string; description?: string; cost: number; stock: number }

export const STORE_ITEMS: SeedStoreItem[] = [
  { by: 'secretary', name: '纯棉毛巾', description: '社区爱心企业捐赠', cost: 10, stock: 30 },
  { by: 'secretary', name: '洗衣液 2kg', cost: 30, stock: 20 },
  { by: 'secretary', name: '理发服务券', description: '每月第一个周六，党群服务中心志愿理发', cost: 20, stock: 15 },
  { by: 'secretary', name: '东北大米 5kg', cost: 60, stock: 10 },
  { by: 'secretary2', name: '食用油 1.8L', cost: 40, stock: 12 },
];
