/**
 * What bad input gets: VALIDATION_FAILED naming each bad field, for wrong
 * types, out-of-range values, over-long text, unknown fields, and Mongo
 * operators or dotted keys smuggled into any field of any action.
 */
import {
  ActionSchemas,
  AppError,
  StringMap,
  CommunitySettings,
  parseInput,
  type FieldError,
  type FunctionName,
} from '@shared';
import { parseAction } from './support/parse';
import { SAMPLES } from './support/samples';

function failureOf(fn: () => unknown): { message: string; fields: FieldError[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION_FAILED');
    return { message: e.message, fields: (e.details as { fields: FieldError[] }).fields };
  }
  throw new Error('expected VALIDATION_FAILED');
}

const pathsOf = (fields: FieldError[]) => fields.map((f) => f.path);

const allActions = (Object.keys(ActionSchemas) as FunctionName[]).flatMap((fn) =>
  Object.keys(ActionSchemas[fn]).map((action) => [fn, action] as const),
);

const sampleOf = (fn: FunctionName, action: string): Record<string, unknown> =>
  structuredClone((SAMPLES as Record<string, Record<string, Record<string, unknown>>>)[fn][action]);

type Json = unknown;
/** Every place a client could put a value: each object key and array element, by dotted path. */
function slotsOf(value: Json, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, String(i)], ...slotsOf(v, [...prefix, String(i)])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...slotsOf(v, [...prefix, k])]);
  }
  return [];
}
function objectsOf(value: Json, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsOf(v, [...prefix, String(i)]));
  if (value && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectsOf(v, [...prefix, k]))];
  }
  return [];
}
function setAt(root: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}
function getAt(root: Json, path: string[]): Record<string, unknown> {
  let node = root as Record<string, unknown>;
  for (const key of path) node = node[key] as Record<string, unknown>;
  return node;
}

describe('every action accepts its documented example', () => {
  test.each(allActions)('%s.%s', (fn, action) => {
    expect(() => parseAction(fn, { action, data: sampleOf(fn, action) })).not.toThrow();
  });
});

describe('no Mongo operator gets through any field', () => {
  const smuggled = allActions.flatMap(([fn, action]) =>
    slotsOf(sampleOf(fn, action)).flatMap((path) =>
      [{ $gt: '' }, { $where: 'sleep(1000)' }, { $ne: null }].map((op) => [fn, action, path.join('.'), Object.keys(op)[0], path, op] as const),
    ),
  );

  test.each(smuggled)('%s.%s: %s replaced by {%s: …} is refused, naming the field', (fn, action, dotted, _op, path, op) => {
    const data = setAt(sampleOf(fn, action), path, op);
    const { fields } = failureOf(() => parseAction(fn, { action, data }));
    expect(pathsOf(fields).some((p) => p === dotted || p.startsWith(`${dotted}.`))).toBe(true);
  });

  const extraKeys = allActions.flatMap(([fn, action]) =>
    objectsOf(sampleOf(fn, action)).flatMap((path) =>
      ['$where', '$gt', 'status.$ne', 'claims.0.claimerId', '__proto__x'].map((key) => [fn, action, path.join('.') || '(data)', key, path] as const),
    ),
  );

  test.each(extraKeys)('%s.%s: key %s.%s is refused as an unknown field', (fn, action, _where, key, path) => {
    const data = sampleOf(fn, action);
    getAt(data, path)[key] = 1;
    const { fields } = failureOf(() => parseAction(fn, { action, data }));
    expect(pathsOf(fields)).toContain([...path, key].join('.'));
  });

  test('free-form maps refuse operator and dotted keys too', () => {
    const { fields } = failureOf(() => parseInput(StringMap, { ok: 'x', $where: 'y', 'a.b': 'z' }));
    expect(pathsOf(fields).sort()).toEqual(['$where', 'a.b']);
    expect(fields[0].message).toContain('$');
    expect(pathsOf(failureOf(() => parseInput(StringMap, JSON.parse('{"constructor":"x"}'))).fields)).toEqual(['constructor']);
  });

  test('an id can never be an operator or a path', () => {
    for (const bad of ['$where', 'a.b', '', 'x'.repeat(65), '{"$gt":""}']) {
      expect(pathsOf(failureOf(() => parseAction('wishes', { action: 'detail', data: { wishId: bad } })).fields)).toEqual(['wishId']);
    }
  });
});

describe('wishes.create: what a resident gets told', () => {
  const create = (patch: Record<string, unknown>) => () => parseAction('wishes', { action: 'create', data: { ...sampleOf('wishes', 'create'), ...patch } });

  test('wrong types name their field', () => {
    const { fields } = failureOf(create({ title: 42, helpersNeeded: '2', anonymous: 'yes' }));
    expect(pathsOf(fields).sort()).toEqual(['anonymous', 'helpersNeeded', 'title']);
    expect(fields.find((f) => f.path === 'title')?.message).toBe('类型不正确，应为 文字');
  });

  test('missing required fields are named as required', () => {
    const data = sampleOf('wishes', 'create');
    delete data.title;
    const { fields, message } = failureOf(() => parseAction('wishes', { action: 'create', data }));
    expect(fields).toEqual([{ path: 'title', message: '请填写标题，或按住说话录一段语音' }]);
    expect(message).toBe('输入有误：title：请填写标题，或按住说话录一段语音');
  });

  test('coordinates outside the earth, in either position, are refused by index', () => {
    const { fields } = failureOf(create({ location: { type: 'Point', coordinates: [181, -91] } }));
    expect(pathsOf(fields)).toEqual(['location.coordinates.0', 'location.coordinates.1']);
    expect(pathsOf(failureOf(create({ location: { type: 'Point', coordinates: [113] } })).fields)[0]).toMatch(/^location\.coordinates/);
    expect(pathsOf(failureOf(create({ location: { type: 'Polygon', coordinates: [113, 31] } })).fields)).toEqual(['location.type']);
  });

  test('helpers needed is 1 to 10', () => {
    expect(failureOf(create({ helpersNeeded: 0 })).fields).toEqual([{ path: 'helpersNeeded', message: '至少需要 1 人' }]);
    expect(failureOf(create({ helpersNeeded: 11 })).fields).toEqual([{ path: 'helpersNeeded', message: '最多 10 人' }]);
    expect(pathsOf(failureOf(create({ helpersNeeded: 1.5 })).fields)).toEqual(['helpersNeeded']);
  });

  test.each([
    ['title', 40],
    ['description', 500],
    ['address', 100],
  ])('%s is limited to %i characters, counted after trimming', (field, max) => {
    expect(failureOf(create({ [field]: '字'.repeat(max + 1) })).fields).toEqual([{ path: field, message: `不能超过${max}个字` }]);
    const ok = parseAction('wishes', { action: 'create', data: { ...sampleOf('wishes', 'create'), [field]: `  ${'字'.repeat(max)}  ` } });
    expect((ok.data as Record<string, unknown>)[field]).toBe('字'.repeat(max));
    expect(failureOf(create({ [field]: '   ' })).fields).toEqual([{ path: field, message: '不能为空' }]);
  });

  test('contact phone is a mainland mobile or a landline with area code', () => {
    for (const good of ['13812345678', '19912345678', '0719-1234567', '01012345678', '0719-12345678-123']) {
      expect(() => create({ contactPhone: good })()).not.toThrow();
    }
    for (const bad of ['12812345678', '1381234567', '138123456789', '1234567', 'abc', '+8613812345678']) {
      expect(pathsOf(failureOf(create({ contactPhone: bad })).fields)).toEqual(['contactPhone']);
    }
  });

  test('a preferred time window must start before it ends, in ISO time', () => {
    expect(failureOf(create({ preferredTime: { from: '2026-03-02T05:00:00Z', to: '2026-03-02T04:00:00Z' } })).fields).toEqual([
      { path: 'preferredTime.to', message: '开始时间应早于结束时间' },
    ]);
    expect(pathsOf(failureOf(create({ preferredTime: { from: '明天上午', to: '2026-03-02T04:00:00Z' } })).fields)).toEqual(['preferredTime.from']);
  });

  test('unknown categories are refused; defaults fill what a resident leaves out', () => {
    expect(pathsOf(failureOf(create({ category: 'shopping' })).fields)).toEqual(['category']);
    const data = sampleOf('wishes', 'create');
    delete data.helpersNeeded;
    delete data.anonymous;
    expect(parseAction('wishes', { action: 'create', data }).data).toMatchObject({ helpersNeeded: 1, anonymous: false });
  });

  test('a resident cannot set what only the system sets', () => {
    for (const field of ['status', 'ownerId', 'communityId', 'claims', 'channel', 'priority']) {
      expect(pathsOf(failureOf(create({ [field]: 'x' })).fields)).toEqual([field]);
    }
  });
});

describe('other limits users meet', () => {
  const action = (fn: FunctionName, name: string, patch: Record<string, unknown>) => () =>
    parseAction(fn, { action: name, data: { ...sampleOf(fn, name), ...patch } });

  test.each([
    ['tasks', 'complete', 'note', 300],
    ['tasks', 'progress', 'note', 300],
    ['wishes', 'rate', 'comment', 200],
    ['dispatch', 'reject', 'reason', 200],
    ['wishes', 'cancel', 'reason', 200],
  ] as const)('%s.%s: %s at most %i characters', (fn, name, field, max) => {
    expect(failureOf(action(fn, name, { [field]: '字'.repeat(max + 1) })).fields).toEqual([{ path: field, message: `不能超过${max}个字` }]);
    expect(() => action(fn, name, { [field]: '字'.repeat(max) })()).not.toThrow();
  });

  test('stars are whole numbers from 1 to 5', () => {
    for (const stars of [0, 6, 4.5, '5']) expect(pathsOf(failureOf(action('wishes', 'rate', { stars })).fields)).toEqual(['stars']);
  });

  test('a nearby search stays within 100 m to 20 km and 50 results', () => {
    expect(pathsOf(failureOf(action('tasks', 'nearby', { radiusM: 50, limit: 51, lat: 91 })).fields).sort()).toEqual(['lat', 'limit', 'radiusM']);
  });

  test('a reject without a reason names the reason', () => {
    expect(failureOf(() => parseAction('dispatch', { action: 'reject', data: { wishId: 'w1' } })).fields).toEqual([{ path: 'reason', message: '必填' }]);
  });

  test('an update must change something', () => {
    expect(pathsOf(failureOf(() => parseAction('wishes', { action: 'update', data: { wishId: 'w1' } })).fields)).toEqual(['wishId']);
  });

  test('community settings keep the town after the secretary, and sane bounds', () => {
    expect(pathsOf(failureOf(action('org', 'updateSettings', { settings: { escalateToSecretaryHours: 48, escalateToTownHours: 24 } })).fields)).toEqual([
      'settings.escalateToTownHours',
    ]);
    expect(pathsOf(failureOf(action('org', 'updateSettings', { settings: { leaseHours: 0 } })).fields)).toEqual(['settings.leaseHours']);
    expect(parseInput(CommunitySettings, {})).toEqual({
      leaseHours: 24,
      maxExtensions: 2,
      escalateToSecretaryHours: 24,
      escalateToTownHours: 72,
      urgentEscalateMinutes: 15,
      autoConfirmDays: 3,
      postsPerDay: 5,
      maxOpenTasksPerHelper: 5,
      pointsPerHour: 10,
      pointsDailyCap: 100,
      pointsCategoryWeights: {},
    });
    expect(pathsOf(failureOf(action('org', 'updateSettings', { settings: { pointsCategoryWeights: { repair: 11 } } })).fields)).toEqual(['settings.pointsCategoryWeights.repair']);
    expect(pathsOf(failureOf(action('org', 'updateSettings', { settings: { pointsCategoryWeights: { gardening: 2 } } })).fields)).toEqual(['settings.pointsCategoryWeights.gardening']);
  });

  test('a secretary cannot hand out town or secretary roles by invite', () => {
    expect(pathsOf(failureOf(action('org', 'invites', { role: 'town_admin' })).fields)).toEqual(['role']);
    expect(pathsOf(failureOf(action('org', 'roles', { roles: ['town_admin'] })).fields)).toEqual(['roles.0']);
  });
});

test('a monthly report is asked for a month of this century: year 57 is refused by the schema, not a 500', () => {
  const { ReportInput } = require('@shared/actions/stats') as typeof import('@shared/actions/stats');
  expect(ReportInput.safeParse({ month: '2026-11' }).success).toBe(true);
  expect(ReportInput.safeParse({ month: '0057-12' }).success).toBe(false);
});
