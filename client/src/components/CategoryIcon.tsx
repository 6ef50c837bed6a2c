import { Text } from '@tarojs/components';
import type { Category } from '@shared/vocab/categories';

/** One character on a coloured disc: renders the same in WeChat and any browser, weighs nothing. */
export const CategoryGlyph: Record<Category, string> = {
  daily_help: '帮',
  medical_trip: '医',
  health: '健',
  legal_aid: '法',
  mediation: '调',
  repair: '修',
  companionship: '陪',
  material: '物',
  policy: '政',
  other: '他',
};

export function CategoryIcon({ category, size = 'normal' }: { category: Category; size?: 'normal' | 'small' }) {
  return (
    <Text className={`cat-icon cat-icon--${category} cat-icon--${size}`} aria-hidden>
      {CategoryGlyph[category] ?? '他'}
    </Text>
  );
}
