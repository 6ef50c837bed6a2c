import { Text, View } from '@tarojs/components';
import { Categories, CategoryLabels, type Category } from '@shared/vocab/categories';
import { CategoryIcon } from './CategoryIcon';

export interface CategoryGridProps {
  value?: Category;
  onChange: (category: Category) => void;
  /** Offer only some categories (e.g. a filter that hides none, or a staff subset). */
  options?: readonly Category[];
}

/** The category picker: big tappable tiles with an icon and the Chinese label. */
export function CategoryGrid({ value, onChange, options = Categories }: CategoryGridProps) {
  return (
    <View className="cat-grid" role="radiogroup">
      {options.map((c) => (
        <View
          key={c}
          className={`cat-grid__item${value === c ? ' cat-grid__item--active' : ''}`}
          role="radio"
          aria-checked={value === c}
          onClick={() => onChange(c)}
        >
          <CategoryIcon category={c} />
          <Text className="cat-grid__label">{CategoryLabels[c]}</Text>
        </View>
      ))}
    </View>
  );
}
