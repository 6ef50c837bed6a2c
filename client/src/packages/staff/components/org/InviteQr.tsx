import { Text, View } from '@tarojs/components';
import { RoleLabels, type Role } from '@shared/vocab';
import { Qr } from '../../../../components/Qr';
import { inviteLink } from '../../../../services/nav';

/**
 * An invite to show at a meeting or print: the QR code a new member scans with WeChat (it opens the join page with
 * the code filled in; services/nav `inviteLink` says what it carries and what production would add), and the code
 * in large type for whoever types it or hears it read out.
 */
export function InviteQr({ code, role }: { code: string; role: Role }) {
  return (
    <View className='staff-invite__qr'>
      <Qr text={inviteLink(code)} label={`邀请码 ${code} 的二维码`} size={200} />
      <Text className='staff-invite__code' selectable>
        {code}
      </Text>
      <Text className='staff-invite__how'>微信扫码，以「{RoleLabels[role]}」身份加入；或在“加入社区”输入上面的邀请码</Text>
    </View>
  );
}
