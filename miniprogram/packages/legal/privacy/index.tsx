import { type LegalSection, LegalText } from '../../../components/LegalText';
import { PageShell } from '../../../components/PageShell';

// Plain words for elderly readers: what we collect, why, who sees it, how it is kept, what you can do.
const sections: LegalSection[] = [
  {
    title: '一、我们收集哪些信息，为什么',
    paragraphs: [
      '1. 微信身份标识（openid）：您打开小程序时，微信会告诉我们一个代表您的编号，用来让您登录。我们拿不到您的微信号、聊天记录和通讯录。',
      '2. 真实姓名、房号（楼号、单元、房号）：您申请加入社区时填写，居委工作人员用来核对您是不是本社区的居民。',
      '3. 手机号（可以不填）：方便居委工作人员和您联系。',
      '4. 位置：只有在「找居委」时，经您同意才获取，用来算出离您最近的居委。位置不会保存。',
      '我们不收集身份证号、银行卡等其他信息。',
    ],
  },
  {
    title: '二、谁能看到',
    paragraphs: [
      '您的真实姓名、手机号和房号，只有您所在社区的居委工作人员能看到，邻居看不到，其他社区的工作人员也看不到。',
      '我们不会把您的信息卖给或交给任何商家。法律法规要求的情况除外。',
    ],
  },
  {
    title: '三、怎么保护',
    paragraphs: [
      '真实姓名和手机号加密保存。工作人员每次审核、修改都会留下记录，方便追查。',
      '登录凭证保存在您的手机上，退出登录后就会清除。',
    ],
  },
  {
    title: '四、您可以做什么',
    paragraphs: [
      '查看：在「我的」页面可以看到您加入了哪些社区、填了哪个房号、审核结果。',
      '撤回和退出：审核中的申请可以随时撤回，已加入的社区可以随时退出。',
      '查看和删除：在「我的」→「我的资料」可以看到我们保存的您的全部资料，也可以自己删除。删除后姓名、手机号、房号和微信身份标识都会清除。工作人员的操作记录会保留，但不再能对应到您。',
      '退出登录：在「我的」页面点「退出登录」。',
    ],
  },
  {
    title: '五、手机上保存的内容',
    paragraphs: [
      '为了让小程序好用，您的手机上会保存：登录凭证、是否开启大字模式（在浏览器里使用时，还有一个随机的设备编号和您同意协议的记录）。这些都不包含您的姓名和电话。',
    ],
  },
  {
    title: '六、联系我们',
    paragraphs: ['对个人信息有任何疑问，可以联系您所在的居委会，或在「找居委」里找到居委电话。'],
  },
];

export default function PrivacyPage() {
  return (
    <PageShell id="privacy" title="隐私政策" legal>
      <LegalText title="社区云隐私政策" updated="2025年1月1日" sections={sections} />
    </PageShell>
  );
}
