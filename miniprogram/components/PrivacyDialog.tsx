import { Button, Text, View } from '@tarojs/components';
import { answerPrivacy, PRIVACY_AGREE_BUTTON_ID, privacyStore } from '../lib/privacy';
import { go, routes } from '../lib/routes';
import { useStore } from '../lib/store';

export function PrivacyDialog() {
  const prompt = useStore(privacyStore);
  if (!prompt.open) return null;
  return (
    <View className="mask" id="privacy-dialog">
      <View className="dialog">
        <Text className="t-title t-block">个人信息保护提示</Text>
        <Text className="t-body t-block gap-top">
          为了给您找最近的居委，需要获取您的位置。位置只用来计算距离，不会保存。
        </Text>
        <Text className="link t-body" id="privacy-open" onClick={() => go(routes.privacy)}>
          查看《隐私政策》
        </Text>
        <View className="gap-top">
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="btn btn--primary btn--block"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacy('agree')}
            onClick={() => {
              // Outside WeChat the open-type does nothing; the click is the answer.
              if (process.env.TARO_ENV !== 'weapp') answerPrivacy('agree');
            }}
          >
            同意
          </Button>
          <Button id="privacy-disagree" className="btn btn--plain btn--block" onClick={() => answerPrivacy('disagree')}>
            不同意
          </Button>
        </View>
      </View>
    </View>
  );
}
