import { Button, Text, View } from '@tarojs/components';
import { acceptTerms, consentStore, declineTerms } from '../lib/consent';
import { go, routes } from '../lib/routes';
import { useStore } from '../lib/store';

/** First open in a browser: the agreement and the privacy policy, accepted before any account is made. */
export function ConsentDialog() {
  const { asking } = useStore(consentStore);
  if (!asking) return null;
  return (
    <View className="mask" id="consent-dialog">
      <View className="dialog">
        <Text className="t-title t-block">欢迎使用社区云</Text>
        <Text className="t-body t-block gap-top">
          使用前请先阅读《用户协议》和《隐私政策》。同意后我们才会为您建立账号；不同意也可以查找居委、打电话，但不能加入社区。
        </Text>
        <View className="row gap-top">
          <Text className="link t-body" id="consent-agreement" onClick={() => go(routes.agreement)}>
            《用户协议》
          </Text>
          <Text className="link t-body" id="consent-privacy" onClick={() => go(routes.privacy)}>
            《隐私政策》
          </Text>
        </View>
        <View className="gap-top">
          <Button id="consent-accept" className="btn btn--primary btn--block" onClick={acceptTerms}>
            同意并继续
          </Button>
          <Button id="consent-decline" className="btn btn--plain btn--block" onClick={declineTerms}>
            不同意，先随便看看
          </Button>
        </View>
      </View>
    </View>
  );
}
