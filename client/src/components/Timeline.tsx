import { Text, View } from '@tarojs/components';
import { TimelinePhrases, WishActionLabels, type WishAction } from '@shared/vocab/wishActions';
import { RoleLabels, type Role } from '@shared/vocab/roles';
import { StoredPhotos } from './StoredPhotos';
import { formatTime } from './time';

/** The fields of a wish event the timeline shows; tolerant of what the server leaves out. */
export interface TimelineEvent {
  id?: string;
  action: WishAction | string;
  at: string | Date;
  note?: string;
  actor?: { kind: 'user' | 'system'; role?: Role; name?: string; userId?: string };
  /** Display name the server may resolve for the actor. */
  actorName?: string;
  meta?: Record<string, string>;
  /** Photos sent with a progress report or the completion. */
  photos?: string[];
}

function actorText(e: TimelineEvent, people: Readonly<Record<string, string>>): string {
  if (e.actor?.kind === 'system') return '系统';
  const name = e.actorName ?? e.actor?.name ?? (e.actor?.userId ? people[e.actor.userId] : undefined);
  const role = e.actor?.role ? RoleLabels[e.actor.role] : undefined;
  return [role, name].filter(Boolean).join(' ');
}

/** Newest first, the way a resident checks "what happened to my wish". `people` names actors by id (wishes.detail sends it). */
export function Timeline({ events, people = {} }: { events: readonly TimelineEvent[]; people?: Readonly<Record<string, string>> }) {
  if (events.length === 0) return <Text className="muted">暂无记录</Text>;
  const sorted = [...events].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return (
    <View className="timeline" role="list">
      {sorted.map((e, i) => {
        const who = actorText(e, people);
        const reason = e.meta?.reason;
        return (
          <View key={e.id ?? `${e.action}-${i}`} className={`timeline__item${i === 0 ? ' timeline__item--latest' : ''}`} role="listitem">
            <View className="timeline__dot" />
            <View className="timeline__body">
              <View className="timeline__head">
                <Text className="timeline__action">{TimelinePhrases[e.action as WishAction] ?? WishActionLabels[e.action as WishAction] ?? e.action}</Text>
                <Text className="timeline__time">{formatTime(e.at)}</Text>
              </View>
              {who && <Text className="timeline__actor">{who}</Text>}
              {e.note && <Text className="timeline__note">{e.note}</Text>}
              {reason && reason !== e.note && <Text className="timeline__note">原因：{reason}</Text>}
              {e.photos && <StoredPhotos refs={e.photos} label={`${WishActionLabels[e.action as WishAction] ?? e.action}照片`} />}
            </View>
          </View>
        );
      })}
    </View>
  );
}
