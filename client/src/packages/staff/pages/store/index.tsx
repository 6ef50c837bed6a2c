import { View } from '@tarojs/components';
import { StaffGate } from '../../components/StaffGate';
import { useActiveRole } from '../../lib/session';
import { DeskPanel } from './DeskPanel';
import { ShelfEditor } from './ShelfEditor';
import '../../components/staff.scss';

/** 爱心超市 for staff: the desk that hands items over against a code, and (for the secretary) the shelf itself. */
function Store() {
  const role = useActiveRole();
  return (
    <>
      <DeskPanel />
      {role === 'secretary' && <ShelfEditor />}
    </>
  );
}

export default function StorePage() {
  return (
    <StaffGate screen='store'>
      <View className='staff-page'>
        <Store />
      </View>
    </StaffGate>
  );
}
