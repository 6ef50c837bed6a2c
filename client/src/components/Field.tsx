import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A labelled form row with its inline error under it. */
export function Field({ label, error, required, hint, children }: { label: string; error?: string; required?: boolean; hint?: string; children: ReactNode }) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <Text className="field__label">
        {label}
        {required && <Text className="field__required"> *</Text>}
      </Text>
      {children}
      {error ? (
        <View className="field__error" role="alert">
          <Text>{error}</Text>
        </View>
      ) : (
        hint && <Text className="field__hint">{hint}</Text>
      )}
    </View>
  );
}
