import { lazy, Suspense } from 'react';
import { Text } from '@tarojs/components';
import type { MapTiles } from '@shared/mapTiles';
import type { SurfaceProps } from '../lib/gridMap';
import { isWeapp } from '../../../services/platform';
import { GridPlot } from './GridPlot';
import { GridMapWeapp } from './GridMapWeapp';
import './MapSurface.scss';

/**
 * Leaflet comes only with a tiled map in the browser: TileMap is a chunk of its own, fetched the first time one is
 * drawn. The mini-program build folds this to null and never sees the import (its `<map>` has WeChat's own tiles).
 */
const TileMap = process.env.TARO_ENV === 'h5' ? lazy(() => import('./TileMap')) : null;

/**
 * Where the grids are drawn: WeChat's `<map>` in the mini-program; in h5 the tile map when the server has tiles
 * configured (the map replies carry them), the schematic plot otherwise.
 */
export function MapSurface({ tiles, ...props }: SurfaceProps & { tiles?: MapTiles }) {
  if (isWeapp) return <GridMapWeapp {...props} />;
  if (tiles && TileMap) {
    return (
      <Suspense fallback={<Text className='staff-map__note'>地图加载中…</Text>}>
        <TileMap tiles={tiles} {...props} />
      </Suspense>
    );
  }
  return <GridPlot {...props} />;
}
