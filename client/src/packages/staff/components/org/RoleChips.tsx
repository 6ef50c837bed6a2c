import { View } from '@tarojs/components';
import { RoleLabels, type Role } from '@shared/vocab';

/** Roles as tappable chips, several at once: granting roles and approving a join both pick this way. */
export function RoleChips<R extends Role>({ label, options, selected, onToggle }: {
  label: string;
  options: readonly R[];
  selected: readonly R[];
  onToggle(role: R): void;
}) {
  return (
    <View className='staff-chips' role='group' aria-label={label}>
      {options.map((r) => (
        <View
          key={r}
          role='checkbox'
          aria-checked={selected.includes(r)}
          className={`staff-chip${selected.includes(r) ? ' staff-chip--on' : ''}`}
          onClick={() => onToggle(r)}
        >
          {RoleLabels[r]}
        </View>
      ))}
    </View>
  );
}
