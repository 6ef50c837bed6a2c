import { Text, View } from '@tarojs/components';
import { HOURS_STEP } from '@shared/timebank/rules';
import { formatHours } from '@shared/timebank/ledger';

/** Hours in half-hour steps, between `min` and `max`, with the buttons named for a screen reader. */
export function HoursStepper({ value, onChange, min = HOURS_STEP, max, label }: { value: number; onChange: (h: number) => void; min?: number; max: number; label: string }) {
  const top = Math.max(min, max);
  return (
    <View className="stepper">
      <Text className="stepper__btn" aria-label={`减少${label}`} onClick={() => onChange(Math.max(min, value - HOURS_STEP))}>
        −
      </Text>
      <Text aria-label={label}>{formatHours(value)}</Text>
      <Text className="stepper__btn" aria-label={`增加${label}`} onClick={() => onChange(Math.min(top, value + HOURS_STEP))}>
        ＋
      </Text>
    </View>
  );
}
