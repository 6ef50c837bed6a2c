import { fireEvent, screen } from '@testing-library/react';
import { wgs84ToGcj02 } from '@shared/coords';
import { currentPlace, pickPlace } from '../../client/src/services/location';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { renderPostForm } from './support/postForm';

// Taro's h5 chooseLocation without a Tencent map key rejects like this.
const noMapKey = () => new Error('LOCATION_APIKEY needed');
const gps = { longitude: 113.9951, latitude: 31.2527 };

test('the browser’s position is asked for in wgs84 and stored in gcj02, as every point is', async () => {
  taroMock.location = gps;
  const place = await currentPlace();
  expect(taroMock.locationTypes).toEqual(['wgs84']);
  expect(place.source).toBe('gps');
  expect(place.point.coordinates).toEqual(wgs84ToGcj02(gps.longitude, gps.latitude));
  expect(place.point.coordinates).not.toEqual([gps.longitude, gps.latitude]);
});

test('地图选点 without a map key uses the browser’s position instead, and says so', async () => {
  taroMock.picked = noMapKey();
  taroMock.location = gps;
  expect((await pickPlace()).place?.point.coordinates).toEqual(wgs84ToGcj02(gps.longitude, gps.latitude));

  fakeServer({ 'wishes.similar': () => ({ items: [] }) });
  renderPostForm({ homePlace: undefined, pickPlace });
  // The place is below a phone's first screen: the form draws it a task after the fields above (useBelowFold).
  expect(await screen.findByText('尚未选择')).toBeInTheDocument();
  fireEvent.click(screen.getByText('地图选点'));

  expect(await screen.findByText('当前位置（浏览器定位）')).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('已改用您当前的位置');
});

test('with neither a map nor a position, 地图选点 tells the person what to do instead of doing nothing', async () => {
  taroMock.picked = noMapKey();
  taroMock.location = new Error('User denied Geolocation');
  fakeServer({});
  renderPostForm({ homePlace: undefined, pickPlace });
  fireEvent.click(await screen.findByText('地图选点'));

  expect(await screen.findByRole('status')).toHaveTextContent('请在“详细地址”中写明服务地点');
  expect(screen.getByText('尚未选择')).toBeInTheDocument();
});

test('backing out of a working map picker is not an error: nothing changes, nothing is said', async () => {
  taroMock.picked = new Error('chooseLocation:fail cancel');
  taroMock.location = gps;
  expect(await pickPlace()).toEqual({});
  expect(taroMock.locationTypes).toEqual([]);
});
