import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { BoardRowReply, StaffWish } from '../lib/api';
import { ageText } from '../lib/format';
import { WishCard } from './WishCard';
import { RecallPanel, type RecallChoice } from './RecallPanel';

const STALL_TEXT = { unstarted: '停滞：超过一天没有开始', unclaimed: '超时未认领' } as const;

/** "张晓东（已开始）、孝昌县妇幼保健院（待接单）" */
function holdersText(row: BoardRowReply): string {
  return row.holders.map((h) => `${h.name}${h.pending ? '（待接单）' : h.started ? '（已开始）' : ''}`).join('、');
}

interface Props {
  row: BoardRowReply;
  wish: StaffWish;
  notice?: string;
  settled?: boolean;
  busy?: boolean;
  /** The community's staff may take back what nobody has started; the town only reads. */
  mayRecall: boolean;
  onOpen: () => void;
  onRecall: (choice: RecallChoice) => void;
  now?: number;
}

/** One wish of 全部心愿: the card staff know from review, who holds it and since when, stalled or not, and 收回. */
export function BoardItem({ row, wish, notice, settled, busy, mayRecall, onOpen, onRecall, now }: Props) {
  const [recalling, setRecalling] = useState(false);
  const held = row.holders.length > 0;
  const recallable = mayRecall && !settled && held && row.holders.every((h) => !h.started) && ['open', 'assigned', 'claimed'].includes(wish.status);
  const verb = wish.status === 'assigned' ? '派给' : '认领';
  return (
    <View className={`staff-board__item${row.stall ? ' staff-board__item--stalled' : ''}`} onClick={onOpen} aria-label={`查看「${wish.title}」的详情与进展`}>
      <WishCard wish={wish} notice={notice} now={now}>
        {(held || row.stall) && (
          <View className='staff-board__holders'>
            {held && (
              <Text>
                {verb}：{holdersText(row)}
                {row.heldSince ? ` · ${ageText(row.heldSince, now)}` : ''}
              </Text>
            )}
            {row.stall && <Text className='staff-board__stall'>{STALL_TEXT[row.stall]}</Text>}
          </View>
        )}
        {/* The buttons act on the row, not open it. */}
        <View onClick={(e) => e.stopPropagation()}>
          {recallable && !recalling && (
            <View className='staff-actions'>
              <Button className='staff-btn staff-btn--danger' size='mini' onClick={() => setRecalling(true)}>
                收回
              </Button>
            </View>
          )}
          {recallable && recalling && (
            <RecallPanel wishId={wish.id} from={holdersText(row)} busy={busy} onSubmit={onRecall} onClose={() => setRecalling(false)} />
          )}
        </View>
        <Text className='staff-board__open'>查看详情与进展 ›</Text>
      </WishCard>
    </View>
  );
}
