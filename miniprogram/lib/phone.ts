import Taro from '@tarojs/taro';

/** Dials a number; where there is no phone (a desktop browser) or the call is cancelled, shows it. */
export function callPhone(phone: string, title = '居委电话'): void {
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {
    void Taro.showModal({ title, content: phone, showCancel: false, confirmText: '知道了' });
  });
}
