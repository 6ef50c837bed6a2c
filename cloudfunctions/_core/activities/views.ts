import { activityState, type ActivityView, type AttendeeView } from '@shared';
import type { ActivityDoc, AttendanceDoc } from '../store/activities';

/** An activity as its community sees it (never its code's key), with where the caller stands. */
export function activityView(a: ActivityDoc, now: Date, mine?: AttendanceDoc | null): ActivityView {
  return {
    id: a._id, title: a.title, category: a.category, description: a.description, place: a.place, organizer: a.organizer,
    startAt: a.startAt, endAt: a.endAt, places: a.places, placesLeft: a.placesLeft, state: activityState(a, now),
    ...(a.cancelledAt ? { cancelledAt: a.cancelledAt, cancelReason: a.cancelReason } : {}),
    ...(mine
      ? {
          mine: {
            status: mine.status,
            ...(mine.checkedInAt ? { checkedInAt: mine.checkedInAt } : {}),
            ...(mine.checkedOutAt ? { checkedOutAt: mine.checkedOutAt } : {}),
            ...(mine.hours !== undefined ? { hours: mine.hours } : {}),
          },
        }
      : {}),
  };
}

export function attendeeView(r: AttendanceDoc): AttendeeView {
  return {
    userId: r.userId, name: r.name, status: r.status, signedUpAt: r.signedUpAt,
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt } : {}),
    ...(r.checkedOutAt ? { checkedOutAt: r.checkedOutAt } : {}),
    ...(r.hours !== undefined ? { hours: r.hours } : {}),
    ...(r.correctedBy ? { corrected: true } : {}),
  };
}
