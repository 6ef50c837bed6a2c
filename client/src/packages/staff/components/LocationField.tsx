import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import { pickPlace } from '../../../services/location';
import { usePlaces, type Places } from '../lib/usePlaces';
import type { ProxyDraft } from '../lib/proxyForm';

type LocationPatch = Pick<ProxyDraft, 'location' | 'locationSource' | 'buildingId'> & { address?: string };

interface Props {
  draft: ProxyDraft;
  onChange: (patch: LocationPatch) => void;
}

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
export function LocationField({ draft, onChange }: Props) {
  // The community's buildings, asked for here (after the form's first paint): their answer redraws this field only.
  const places = usePlaces();
  const [notice, setNotice] = useState<string>();
  const chooseOnMap = async () => {
    // The same picker as the resident's: no map (h5 without a map key) falls back to the browser's position, or says so.
    const { place, notice: said } = await pickPlace();
    setNotice(said);
    if (!place) return;
    onChange({
      location: place.point,
      locationSource: 'map',
      buildingId: null,
      ...(draft.address.trim() === '' && place.source === 'picked' && place.label ? { address: place.label } : {}),
    });
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
      {notice && (
        <View className='staff-location__notice' role='status'>
          <Text>{notice}</Text>
        </View>
      )}
    </View>
  );
}
