import { View } from '@tarojs/components';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  options: readonly ChipOption<T>[];
  value: T | null | undefined;
  onChange: (value: T) => void;
  /** Read by screen readers and tests: what is being chosen. */
  label: string;
}

/** A row of tappable choices; lighter than a picker when there are a handful of options. */
export function ChipGroup<T extends string>({ options, value, onChange, label }: Props<T>) {
  return (
    <View className='staff-chips' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          role='radio'
          aria-checked={o.value === value}
          className={`staff-chip${o.value === value ? ' staff-chip--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
