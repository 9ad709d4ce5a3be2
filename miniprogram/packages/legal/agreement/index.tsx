import { type LegalSection, LegalText } from '../../../components/LegalText';
import { PageShell } from '../../../components/PageShell';

const sections: LegalSection[] = [
  {
    title: '一、社区云是什么',
    paragraphs: [
      '社区云是居民委员会（居委会）为本社区居民提供的线上服务：找居委、看通知、邻里互助、商量社区里的事、借用辅助器具等。',
      '使用社区云是免费的。',
    ],
  },
  {
    title: '二、加入社区',
    paragraphs: [
      '加入社区需要选择您家的房号并填写真实姓名，由居委工作人员核对。请如实填写，不要冒用他人的房号或姓名。',
      '居委也可以给您邀请码，填写后直接加入。',
      '如果信息不对，居委可以不通过申请，并告诉您原因。',
    ],
  },
  {
    title: '三、请大家共同遵守',
    paragraphs: [
      '文明发言，不发布违法、骂人、广告、谣言等内容。',
      '尊重邻居的隐私，不把别人的信息发到群里或网上。',
      '违反的，居委工作人员可以隐藏相关内容，情节严重的可以取消社区资格。',
    ],
  },
  {
    title: '四、个人信息',
    paragraphs: ['我们怎样收集和保护您的信息，请看《隐私政策》。'],
  },
  {
    title: '五、其他',
    paragraphs: ['协议内容有变化时，我们会在小程序里告诉您。有疑问可以联系您所在的居委会。'],
  },
];

export default function AgreementPage() {
  return (
    <PageShell id="agreement" title="用户协议" legal>
      <LegalText title="社区云用户协议" updated="2025年1月1日" sections={sections} />
    </PageShell>
  );
}
