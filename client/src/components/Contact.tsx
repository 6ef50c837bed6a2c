import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import type { GeoPoint } from '@shared/schemas/primitives';
import { openPlace } from '../services/location';

/** 拨打电话: rings a number the server let this person have (nothing is shown without one). */
export function CallButton({ name, phone, label = '拨打电话' }: { name: string; phone?: string; label?: string }) {
  if (!phone) return null;
  return (
    <Button className="btn btn--small btn--primary contact-btn" aria-label={`拨打${name}的电话`} onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
      {label}
    </Button>
  );
}

/** 导航: opens the place in the phone's map app, from where the helper gets directions. */
export function NavigateButton({ point, name, address }: { point?: GeoPoint; name: string; address?: string }) {
  if (!point) return null;
  return (
    <Button className="btn btn--small btn--ghost contact-btn" aria-label={`导航到${address ?? name}`} onClick={() => void openPlace(point, name, address)}>
      导航
    </Button>
  );
}
