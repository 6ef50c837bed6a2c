import { Text, View } from '@tarojs/components';
import { RoleLabels, type Role } from '@shared/vocab';
import { Qr } from '../../../../components/Qr';
import { inviteLink } from '../../../../services/nav';

/** An invite as a QR code to show at a meeting or print: scanning it opens the join page with the code filled in. */
export function InviteQr({ code, role }: { code: string; role: Role }) {
  return (
    <View className='staff-invite__qr'>
      <Qr text={inviteLink(code)} label={`邀请码 ${code} 的二维码`} size={160} />
      <Text className='staff-org__sub'>扫码以「{RoleLabels[role]}」身份加入，或在“加入社区”输入邀请码 {code}</Text>
    </View>
  );
}
