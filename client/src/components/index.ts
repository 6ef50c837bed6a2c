/** Shared UI pieces; the staff sub-package imports from here, so props stay simple and stable. */
export { PageState, type PageStateProps } from './PageState';
export { StatusTag } from './StatusTag';
export { CategoryIcon, CategoryGlyph } from './CategoryIcon';
export { CategoryGrid, type CategoryGridProps } from './CategoryGrid';
export { Timeline, type TimelineEvent } from './Timeline';
export { PhotoThumbs } from './PhotoThumbs';
export { StoredPhotos } from './StoredPhotos';
export { MediaRefresh, useMediaFailed } from './mediaRefresh';
export { LeaseCountdown, type LeaseCountdownProps } from './LeaseCountdown';
export { Screen } from './Screen';
export { PausedBanner, WithPausedBanner } from './PausedBanner';
export { Field } from './Field';
export { RoleNav } from './RoleNav';
export { formatTime, formatDateTime, formatWindow, formatDuration, formatDistance } from './time';
export { switchLabel } from './switchLabel';
export { CallButton, NavigateButton } from './Contact';
export { WishNo } from './WishNo';
