import { Text, View } from '@tarojs/components';
import { callPhone } from '../../lib/phone';
import { paragraphs, splitPhones } from './body';
import './NoticeView.css';

/** A text written by a person: one paragraph a line, phone numbers tappable to dial (notices, board posts). */
export function BodyText(props: { id?: string; className?: string; body: string }) {
  return (
    <View className={props.className} id={props.id}>
      {paragraphs(props.body).map((p, i) => (
        // Paragraphs have no identity of their own: their place is their key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <View key={i} className="notice-paragraph t-body">
          {splitPhones(p).map((piece, j) =>
            piece.kind === 'phone' ? (
              <Text
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text
                key={j}
                className="link notice-phone"
                data-phone={piece.number}
                onClick={() => callPhone(piece.number, '拨打电话')}
              >
                {piece.text}
              </Text>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text
              <Text key={j}>{piece.text}</Text>
            ),
          )}
        </View>
      ))}
    </View>
  );
}
