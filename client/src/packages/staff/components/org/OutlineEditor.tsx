import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { boundsOf, ringProblem, type LngLat } from '@shared/geometry';
import type { MapTiles } from '@shared/mapTiles';
import type { Building, Grid } from '@shared/schemas';
import { orgApi } from '../../lib/api';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { grown, type GridMapReply, type Pin } from '../../lib/gridMap';
import { useRemote } from '../../../../hooks/useRemote';
import { isWeapp } from '../../../../services/platform';
import { MapSurface } from '../MapSurface';

interface Props {
  grid: Grid;
  /** Every grid of the community: the others are drawn, and their corners are what a tap snaps onto. */
  grids: readonly Grid[];
  buildings: readonly Building[];
  tiles?: MapTiles;
  onSaved: () => void;
  onClose: () => void;
}

const zero = { open: 0, claimed: 0, stalled: 0 };

/** What to say under the map while drawing: how many corners, and what is wrong with the outline so far. */
function hintOf(corners: readonly LngLat[]): string {
  if (corners.length === 0) return '在地图上依次点按网格边界的各个拐角';
  if (corners.length < 3) return `已点 ${corners.length} 个顶点，至少还需 ${3 - corners.length} 个`;
  const problem = ringProblem(corners);
  return problem ? `已点 ${corners.length} 个顶点：${problem}` : `已点 ${corners.length} 个顶点，边界会自动闭合`;
}

/**
 * 画边界: the secretary draws a grid's outline by tapping its corners on the map (tiles when configured, the schematic
 * otherwise, WeChat's `<map>` in the mini-program), undoes a corner, clears, saves. The neighbours' outlines are
 * drawn and their corners pull a tap onto them, so a shared street is one line; the grid's buildings are shown,
 * since the outline must hold them. The server judges (overlap, buildings inside) and its sentence is shown.
 */
export function OutlineEditor({ grid, grids, buildings, tiles, onSaved, onClose }: Props) {
  const [corners, setCorners] = useState<LngLat[]>(grid.boundary ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const others = useMemo(() => grids.filter((g) => g.id !== grid.id), [grids, grid.id]);
  const pins: Pin[] = useMemo(
    () => buildings.filter((b) => b.location && (b.gridId === grid.id || grid.buildingIds.includes(b.id))).map((b) => ({ id: b.id, at: b.location!.coordinates, label: b.name })),
    [buildings, grid],
  );
  // Fixed while drawing, with room around what is there: the whole community's grids and buildings, else its centre.
  const known = boundsOf([...others.flatMap((g) => g.boundary ?? []), ...(grid.boundary ?? []), ...buildings.flatMap((b) => (b.location ? [b.location.coordinates] : []))]);
  const centre = useRemote(() => (known ? Promise.resolve(null) : orgApi.community().then((r) => r.community?.location?.coordinates ?? null)), [known === null]);
  const frame = useMemo(() => {
    const base = known ?? (centre.data ? boundsOf([centre.data]) : null);
    return base && grown(base, 0.2, 0.0015);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(known), centre.data]);
  const scene: GridMapReply = useMemo(
    () => ({
      grids: others.map((g) => ({ id: g.id, communityId: g.communityId, name: g.name, ...(g.boundary ? { boundary: g.boundary } : {}), counts: zero })),
      points: [],
      communities: [],
      counts: zero,
      ungridded: zero,
      truncated: false,
      at: new Date(0).toISOString(),
    }),
    [others],
  );
  const snapTo = useMemo(() => others.flatMap((g) => g.boundary ?? []), [others]);

  const tap = (p: LngLat) => {
    setError(null);
    // The same corner twice is a slip of the finger, not a shape.
    setCorners((prev) => (prev.some((c) => c[0] === p[0] && c[1] === p[1]) ? prev : [...prev, p]));
  };
  const removing = corners.length === 0 && !!grid.boundary;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await orgApi.saveGrid({ id: grid.id, name: grid.name, boundary: removing ? null : corners.map(([lng, lat]) => [lng, lat] as [number, number]) });
      onSaved();
    } catch (err) {
      setError(fieldErrorsOf(err).boundary ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-outline'>
      <Text className='staff-panel__label'>画「{grid.name}」的边界</Text>
      {frame ? (
        <View className='staff-map__canvas staff-outline__canvas'>
          <MapSurface tiles={tiles} map={scene} frame={frame} pins={pins} drawing={{ corners, snapTo, onTap: tap }} />
        </View>
      ) : (
        <Text className='staff-map__note'>{centre.loading ? '正在读取社区位置…' : '社区和楼栋都还没有位置，无法在地图上画边界'}</Text>
      )}
      <Text className='staff-map__note' aria-live='polite'>
        {hintOf(corners)}
        {snapTo.length > 0 && '；点在相邻网格的拐角附近会对齐到该拐角'}
        {isWeapp && '（地图可双指缩放后再点）'}
      </Text>
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-actions staff-outline__actions'>
        <Button className='staff-btn staff-btn--ghost' size='mini' disabled={corners.length === 0 || busy} onClick={() => setCorners((c) => c.slice(0, -1))}>
          撤销上一点
        </Button>
        <Button className='staff-btn staff-btn--ghost' size='mini' disabled={corners.length === 0 || busy} onClick={() => setCorners([])}>
          清除
        </Button>
        <Button className='staff-btn staff-btn--ghost' size='mini' disabled={busy} onClick={onClose}>
          取消
        </Button>
        <Button
          className='staff-btn staff-btn--primary'
          size='mini'
          aria-busy={busy}
          disabled={busy || (corners.length < 3 && !removing)}
          onClick={() => void save()}
        >
          {removing ? '移除边界' : '保存边界'}
        </Button>
      </View>
    </View>
  );
}
