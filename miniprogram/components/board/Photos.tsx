import { Image, View } from '@tarojs/components';
import type { UploadReply } from '../../../shared/contracts/uploads';
import { fileUrl, previewImages } from '../notice/NoticeView';
import './board.css';

/** A row of photo thumbnails; a tap opens the large ones (WeChat's viewer, or the browser's). */
export function Photos(props: { images: UploadReply[]; prefix: string; small?: boolean }) {
  const images = props.images.filter((u) => u.urls.thumbnail || u.urls.display);
  if (images.length === 0) return null;
  return (
    <View className={props.small ? 'board-photos board-photos--small' : 'board-photos'} id={`${props.prefix}-photos`}>
      {images.map((u, i) => (
        <View
          key={u.id}
          className="board-photo-cell"
          onClick={(e) => {
            e.stopPropagation();
            previewImages(images, i);
          }}
        >
          <Image
            id={`${props.prefix}-photo-${i}`}
            className="board-photo"
            src={fileUrl(u.urls.thumbnail ?? u.urls.display ?? '')}
            mode="aspectFill"
            lazyLoad
          />
        </View>
      ))}
    </View>
  );
}
