import { useLoad } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { PageState, Screen } from '../../components';
import { goHome, Routes } from '../../services/nav';
import { getSession, isLoggedIn } from '../../services/session';

/** Entry: send a returning person to their role's home, everyone else to login. */
export default function Entry() {
  useLoad(() => {
    const session = getSession();
    if (session && isLoggedIn()) goHome(session.activeRole);
    else void Taro.reLaunch({ url: Routes.login });
  });
  return (
    <Screen>
      <PageState loading />
    </Screen>
  );
}
