import Taro from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { GeoPoint } from '@shared/schemas';
import type { Places } from '../lib/usePlaces';
import type { ProxyDraft } from '../lib/proxyForm';

type LocationPatch = Pick<ProxyDraft, 'location' | 'locationSource' | 'buildingId'> & { address?: string };

interface Props {
  draft: ProxyDraft;
  places: Places;
  onChange: (patch: LocationPatch) => void;
}

const point = (lng: number, lat: number): GeoPoint => ({ type: 'Point', coordinates: [lng, lat] });

function describe(d: ProxyDraft, places: Places): string {
  if (!d.location) return '尚未选择';
  if (d.locationSource === 'building') return places.buildings.find((b) => b.id === d.buildingId)?.label ?? '已选楼栋';
  if (d.locationSource === 'community') return '社区位置（大致）';
  return '已在地图上选择';
}

/**
 * Where the help is needed: a building of the community, the map (gcj02, as
 * chooseLocation returns), or the community's own point when nothing better is known.
 */
export function LocationField({ draft, places, onChange }: Props) {
  const chooseOnMap = async () => {
    try {
      const res = await Taro.chooseLocation({});
      onChange({
        location: point(res.longitude, res.latitude),
        locationSource: 'map',
        buildingId: null,
        ...(draft.address.trim() === '' && res.address ? { address: `${res.address}${res.name ?? ''}` } : {}),
      });
    } catch {
      // Cancelled, or no map in this browser: the building list and community point remain.
    }
  };
  const pickBuilding = (index: number) => {
    const b = places.buildings[index];
    if (!b) return;
    const location = b.location ?? places.communityLocation;
    onChange({ buildingId: b.id, location, locationSource: location ? 'building' : null });
  };

  return (
    <View className='staff-location'>
      <Text className='staff-location__now'>{describe(draft, places)}</Text>
      <View className='staff-actions staff-actions--start'>
        {places.buildings.length > 0 && (
          <Picker mode='selector' range={places.buildings.map((b) => b.label)} onChange={(e) => pickBuilding(Number(e.detail.value))}>
            <Button className='staff-btn staff-btn--ghost' size='mini'>
              选择楼栋
            </Button>
          </Picker>
        )}
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => void chooseOnMap()}>
          地图选点
        </Button>
        {places.communityLocation && !draft.location && (
          <Button
            className='staff-btn staff-btn--ghost'
            size='mini'
            onClick={() => onChange({ location: places.communityLocation, locationSource: 'community', buildingId: null })}
          >
            使用社区位置
          </Button>
        )}
      </View>
    </View>
  );
}
