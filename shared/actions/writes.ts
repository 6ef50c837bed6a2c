import type { ActionName, FunctionName } from './index';

/** Every action of every function, each marked read (false) or write (true): the shape the table below must have. */
export type ActionWriteTable = { readonly [F in FunctionName]: { readonly [A in ActionName<F>]: boolean } };

/**
 * Which actions change state, declared once for both sides. A write carries a
 * `requestId` from the client and the server runs it once per requestId (a retry
 * gets the first reply); a read carries none. `satisfies` makes tsc refuse a
 * table that misses an action of ActionSchemas or names one that does not exist.
 */
export const ActionWrites = {
  wishes: {
    create: true,
    update: true,
    cancel: true,
    mine: false,
    detail: false,
    confirm: true,
    dispute: true,
    rate: true,
    resubmit: true,
    similar: false,
    nudge: true,
  },
  tasks: {
    nearby: false,
    claim: true,
    extend: true,
    release: true,
    start: true,
    progress: true,
    complete: true,
    mine: false,
    accept: true,
    decline: true,
    handover: true,
  },
  dispatch: {
    queue: false,
    approve: true,
    reject: true,
    assign: true,
    proxyCreate: true,
    escalations: false,
    cancel: true,
    callList: false,
    urge: true,
    reassign: true,
    townAssign: true,
    supervision: false,
    townUnits: false,
    map: false,
    recall: true,
    board: false,
    candidates: false,
    lookup: false,
  },
  org: {
    me: false,
    updateMe: true,
    actIn: true,
    community: false,
    updateSettings: true,
    grids: false,
    saveGrid: true,
    compounds: false,
    saveCompound: true,
    buildings: false,
    saveBuilding: true,
    units: false,
    saveUnit: true,
    partyBranches: false,
    saveBranch: true,
    closeBranch: true,
    report: true,
    members: false,
    roles: true,
    invites: true,
    acceptInvite: true,
    listInvites: false,
    revokeInvite: true,
    requestJoin: true,
    joinRequests: false,
    decideJoin: true,
    myDuty: false,
    setDuty: true,
    onDuty: false,
  },
  stats: {
    overview: false,
    breakdown: false,
    leaderboard: false,
    branches: false,
    wall: false,
    export: false,
    report: false,
  },
  notify: {
    subscribe: true,
    inbox: false,
    read: true,
  },
  cron: {
    // The timer's own sweep: each run looks afresh at what is due, so it is not replayed by requestId.
    tick: false,
  },
  certificates: {
    issue: true,
    download: false,
    verify: false,
    mine: false,
  },
  stories: {
    draft: true,
    ofWish: false,
    consent: true,
    publish: true,
    unpublish: true,
    detail: false,
    list: false,
  },
  points: {
    mine: false,
    catalogue: false,
    redeem: true,
    cancel: true,
    saveItem: true,
    lookup: false,
    fulfil: true,
    audit: false,
  },
  timebank: {
    mine: false,
    askFamily: true,
    answerFamily: true,
    removeFamily: true,
    transfer: true,
    audit: false,
  },
  activities: {
    publish: true,
    edit: true,
    cancel: true,
    list: false,
    detail: false,
    mine: false,
    signUp: true,
    withdraw: true,
    checkIn: true,
    checkOut: true,
    code: false,
    attendance: false,
    correct: true,
  },
} as const satisfies ActionWriteTable;

/** Whether `fn.action` is a write (an unknown pair is not). */
export function isWriteAction(fn: string, action: string): boolean {
  const table = (ActionWrites as Record<string, Record<string, boolean> | undefined>)[fn];
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, action) && table[action] === true;
}
