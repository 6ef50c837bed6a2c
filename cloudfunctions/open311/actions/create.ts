import { AppError, Beneficiary, Description, isCategory, parseInput, wgs84ToGcj02, type GeoPoint } from '@shared';
import { titleFromDescription } from '@shared/vocab/autoTitle';
import { ActionSchemas } from '@shared/actions';
import { keyHolder } from '../../_core/open311/keys';
import { defineAction } from '../../_core/routing/action';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { enterProxyWish } from '../../_core/wishes/proxyEntry';

const field = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
/** When the client names nobody: the beneficiary of a proxy entry needs a name, and the reviewer reads this. */
const UNNAMED = '未留姓名';

/**
 * GeoReport's POST: a wish entered for a resident under the api_key a secretary of the community issued, as a
 * proxy entry by that secretary on channel `open311`. It waits for review like any proxy entry (so it is not in
 * the public list until approved); the name and phone sent become the beneficiary, an email a line of the
 * description for the reviewer. Position in WGS-84 (stored as GCJ-02); an address alone stands at the
 * community's position for the reviewer to place.
 */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.open311.create,
  async run({ input, rt }) {
    const community = await loadCommunity(rt, input.jurisdiction_id);
    const { key, caller } = await keyHolder(rt, input.api_key, community._id);
    const category = input.service_code;
    if (!isCategory(category)) throw new AppError('NOT_FOUND', `没有编号为 ${category} 的服务（service_code），可用的见 services.json`);
    let location: GeoPoint;
    if (input.lat !== undefined && input.long !== undefined) {
      location = { type: 'Point', coordinates: wgs84ToGcj02(input.long, input.lat) };
    } else if (community.location) {
      location = community.location;
    } else {
      throw field('lat', '本社区未设定位置，请提供 lat/long');
    }
    const description = input.email === undefined ? input.description : `${input.description}\n联系邮箱：${input.email}`;
    if (!Description.safeParse(description).success) throw field('description', '描述加上联系邮箱超过了长度上限，请缩短描述');
    const name = `${input.last_name ?? ''}${input.first_name ?? ''}` || UNNAMED;
    const beneficiary = parseInput(Beneficiary, { name, ...(input.phone ? { phone: input.phone } : {}) });
    const { wish } = await enterProxyWish(rt, caller, community, {
      channel: 'open311',
      beneficiary,
      fields: {
        category, title: titleFromDescription(description), description, location, helpersNeeded: 1, anonymous: false,
        ...(input.address_string ? { address: input.address_string } : {}),
      },
    });
    await rt.repos.open311Keys.markUsed(key._id, rt.now());
    return { service_request_id: wish.number ?? wish._id, service_notice: '已收到，社区审核通过后公开；公开时不含姓名、电话和门牌号' };
  },
});
