import { Button, Text, View } from '@tarojs/components';
import { answerPrivacy, PRIVACY_AGREE_BUTTON_ID, privacyReason, privacyStore } from '../lib/privacy';
import { go, routes } from '../lib/routes';
import { useStore } from '../lib/store';

export function PrivacyDialog() {
  const prompt = useStore(privacyStore);
  if (!prompt.open) return null;
  // Names what asked: the location for 找居委, the clipboard for copying an invitation code.
  const reason = privacyReason(prompt.api);
  return (
    <View className="mask" id="privacy-dialog">
      <View className="dialog">
        <Text className="t-title t-block">个人信息保护提示</Text>
        <Text className="t-body t-block gap-top" id="privacy-what">
          社区云需要{reason.what}：{reason.why}
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
