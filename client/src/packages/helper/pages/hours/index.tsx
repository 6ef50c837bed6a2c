import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { CategoryLabels } from '@shared/vocab/categories';
import { ActivityCategoryLabels } from '@shared/vocab/activities';
import { chinaWallClock } from '@shared/time';
import { PageState, Screen, formatTime } from '../../../../components';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { toastError } from '../../../../services/toast';
import { deliverFile } from '../../../../services/inlineFile';
import { tasksApi } from '../../../../services/wishes';

/** A certificate of this year so far (Beijing time): the usual ask of a school or an employer. */
async function issueCertificate(): Promise<void> {
  const year = chinaWallClock(new Date()).getUTCFullYear();
  const reply = await call('certificates', 'issue', { from: `${year}-01-01T00:00:00+08:00`, to: new Date(Date.now() + 60_000).toISOString() });
  await deliverFile(reply);
  void Taro.showToast({ title: `证明编号 ${reply.certificate.serial}`, icon: 'none' });
}

/** One line of the record: a wish served or a 集体活动 attended. */
interface Row {
  key: string;
  title: string;
  meta: string;
  at: string;
}

/**
 * My service record. The totals are the server's: services and hours once the resident confirmed, from the
 * records a 志愿服务证明 counts, so the page and the certificate never disagree. The list is what those totals
 * count, newest first: my confirmed tasks and the 集体活动 whose check-out earned hours (a service record each,
 * so without them "5 次服务" stood over four lines), then the finished tasks still waiting for the resident.
 */
export default function HoursPage() {
  const served = useRemote(async () => {
    const [done, confirmed, mine, attended] = await Promise.all([
      tasksApi.mine({ status: 'done', limit: 50 }),
      tasksApi.mine({ status: 'confirmed', limit: 50 }),
      call('certificates', 'mine', {}),
      call('activities', 'mine', {}),
    ]);
    const wishRow = (w: (typeof done.items)[number]): Row => ({
      key: w.id,
      title: w.title,
      meta: `${CategoryLabels[w.category]} · ${w.status === 'done' ? '待居民确认 · ' : ''}${w.completion?.hours ? `${w.completion.hours} 小时 · ` : ''}`,
      at: w.doneAt ?? w.updatedAt ?? w.createdAt,
    });
    const counted = [
      ...confirmed.items.map(wishRow),
      ...attended.items.flatMap((a): Row[] =>
        a.mine?.checkedOutAt && a.mine.hours ? [{ key: `act:${a.id}`, title: a.title, meta: `集体活动 · ${ActivityCategoryLabels[a.category]} · ${a.mine.hours} 小时 · `, at: a.mine.checkedOutAt }] : [],
      ),
    ].sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
    return { items: [...counted, ...done.items.map(wishRow)], totals: mine.served };
  });
  const items = served.data?.items ?? [];
  const totals = served.data?.totals;
  const [issuing, setIssuing] = useState(false);

  return (
    <Screen>
      <PageState loading={served.loading} error={served.error} onRetry={served.reload}>
        {/* Nothing before the server's totals: a "0 小时" while loading reads as hours lost. */}
        {totals && (
          <View>
            <View className="hero">
              <Text className="hero__title">{totals.services} 次服务</Text>
              <Text className="hero__sub">累计服务时长 {totals.hours} 小时 · 感谢您的付出</Text>
            </View>
            <Button
              className="btn btn--primary"
              aria-busy={issuing}
              disabled={issuing || totals.services === 0}
              onClick={() => {
                setIssuing(true);
                issueCertificate()
                  .catch((err) => toastError(err))
                  .finally(() => setIssuing(false));
              }}
            >
              开具志愿服务证明（本年度）
            </Button>
            {items.length === 0 && <Text className="muted">完成第一个心愿后，这里会记录您的服务。</Text>}
            {items.map((row) => (
              <View key={row.key} className="card">
                <Text className="wish-item__title">{row.title}</Text>
                <Text className="card__meta">
                  {row.meta}
                  {formatTime(row.at)}
                </Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </Screen>
  );
}
