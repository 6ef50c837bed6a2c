import { Text } from '@tarojs/components';
import { Screen } from '../../../../components';

export default function Placeholder() {
  return (
    <Screen>
      <Text>建设中</Text>
    </Screen>
  );
}
