import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { UploadReply } from '../../../shared/contracts/uploads';
import { type NoticeCategory, noticeCategoryLabels } from '../../../shared/enums';
import { apiBase, isH5 } from '../../lib/env';
import { cx, formatDateTime } from '../../lib/format';
import { BodyText } from './BodyText';
import { fileSize } from './body';
import './NoticeView.css';

/** What a notice shows; plain data, so the committee's compose page can preview a draft with it. */
export interface NoticeViewProps {
  title: string;
  category: NoticeCategory;
  communityName: string;
  /** Null for a draft (shown as 未发布). */
  publishedAt: string | null;
  editedAt: string | null;
  expired: boolean;
  /** Shown with a 置顶 tag. */
  pinned?: boolean;
  body: string;
  attachments: UploadReply[];
}

/** A stored file's address: the server gives paths (/api/files/…); WeChat needs the full URL. */
export function fileUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${apiBase}${path}`;
}

const categoryClass: Record<NoticeCategory, string> = {
  notice: 'tag--info',
  event: 'tag--ok',
  reminder: 'tag--warn',
  urgent: 'notice-tag--urgent',
  publicity: 'tag--info',
};

export function CategoryTag(props: { category: NoticeCategory; id?: string }) {
  return (
    <Text id={props.id} className={cx('tag', 'notice-tag', categoryClass[props.category])}>
      {noticeCategoryLabels[props.category]}
    </Text>
  );
}

export function previewImages(images: UploadReply[], index: number) {
  const urls = images.map((u) => fileUrl(u.urls.display ?? u.urls.thumbnail ?? ''));
  void Taro.previewImage({ urls, current: urls[index] }).catch(() => undefined);
}

/** WeChat: download, then open in its document viewer (with 转发/保存 in the menu); H5: the browser opens it. */
export async function openPdf(upload: UploadReply): Promise<void> {
  const path = upload.urls.original;
  if (!path) return;
  const url = fileUrl(path);
  if (isH5) {
    window.open(url, '_blank');
    return;
  }
  void Taro.showLoading({ title: '正在打开…', mask: true });
  try {
    const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
    if (statusCode !== 200) throw new Error(`download ${statusCode}`);
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true });
    void Taro.hideLoading();
  } catch {
    void Taro.hideLoading();
    void Taro.showToast({ title: '文件打不开，请稍后再试', icon: 'none', duration: 3000 });
  }
}

/** One notice as residents see it: tags, title, who and when, the body with tappable phones, photos and PDFs. */
export function NoticeView(props: NoticeViewProps) {
  const images = props.attachments.filter((u) => u.kind === 'image' && (u.urls.thumbnail || u.urls.display));
  const pdfs = props.attachments.filter((u) => u.kind === 'pdf' && u.urls.original);
  const urgent = props.category === 'urgent';
  return (
    <View className={cx('card', 'notice-view', urgent && 'notice-view--urgent')} id="notice-view">
      <View className="row row--wrap notice-tags">
        <CategoryTag category={props.category} id="notice-category" />
        {props.pinned ? <Text className="tag tag--info notice-tag">置顶</Text> : null}
        {props.expired ? (
          <Text className="tag tag--off notice-tag" id="notice-expired">
            已过期
          </Text>
        ) : null}
      </View>
      <Text className="t-hero t-block notice-title" id="notice-title">
        {props.title}
      </Text>
      <Text className="t-small t-block" id="notice-meta">
        {props.communityName} · {props.publishedAt ? formatDateTime(props.publishedAt) : '未发布'}
      </Text>
      {props.editedAt ? (
        <Text className="t-small t-block" id="notice-edited">
          已更新 {formatDateTime(props.editedAt)}
        </Text>
      ) : null}

      <BodyText id="notice-body" className="notice-body" body={props.body} />

      {images.length > 0 ? (
        <View className="notice-images" id="notice-images">
          {images.slice(0, 9).map((u, i) => (
            <View key={u.id} className="notice-image-cell" onClick={() => previewImages(images.slice(0, 9), i)}>
              <Image
                id={`notice-image-${i}`}
                className="notice-image"
                src={fileUrl(u.urls.thumbnail ?? u.urls.display ?? '')}
                mode="aspectFill"
                lazyLoad
              />
            </View>
          ))}
        </View>
      ) : null}

      {pdfs.length > 0 ? (
        <View className="notice-files" id="notice-files">
          {pdfs.map((u, i) => (
            <View key={u.id} id={`notice-pdf-${i}`} className="notice-file row" onClick={() => void openPdf(u)}>
              <Text className="tag tag--danger notice-file-kind">PDF</Text>
              <View className="grow">
                <Text className="t-body t-block notice-file-name">{u.name || `附件${i + 1}.pdf`}</Text>
                <Text className="t-small t-block">{fileSize(u.byteSize)} · 点击打开</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
