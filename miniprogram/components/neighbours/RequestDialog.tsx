import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { ContactView } from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_REQUEST_MAX } from '../../../shared/contracts/neighbours';
import { neighbours } from '../../hooks/neighbours';
import { useSubmit } from '../../hooks/useSubmit';
import { FormError } from '../Form';

const examples = ['想请您帮忙看看洗衣机', '想问问您电脑的问题', '想请您帮忙代收一下快递'];

/**
 * 请求联系: a short message to a neighbour, with examples to tap. Ids: `request-dialog`,
 * `request-message`, `request-example-N`, `request-send`, `request-cancel`.
 */
export function RequestDialog(props: {
  communityId: number;
  cardId: number;
  name: string;
  onClose: () => void;
  onSent: (contact: { id: number; view: ContactView }) => void;
}) {
  const [message, setMessage] = useState('');
  const sending = useSubmit<'message'>({ fields: { CONTENT_REJECTED: 'message', BOARD_MUTED: 'message' } });

  const send = async () => {
    const done = await sending.submit(() =>
      neighbours.request({ communityId: props.communityId, cardId: props.cardId }, message),
    );
    if (done) props.onSent(done);
  };

  return (
    <View className="mask" id="request-dialog">
      <View className="dialog">
        <Text className="t-title t-block">请求联系{props.name}</Text>
        <Text className="t-body t-block gap-top">写一句话说明想请对方帮什么忙。对方同意后，你们就可以在这里聊天。</Text>
        <View className="chips gap-top">
          {examples.map((e, i) => (
            <View key={e} id={`request-example-${i}`} className="chip" onClick={() => setMessage(e)}>
              {e}
            </View>
          ))}
        </View>
        <Textarea
          id="request-message"
          className={sending.fieldErrors.message ? 'input textarea input--error' : 'input textarea'}
          value={message}
          maxlength={NEIGHBOUR_REQUEST_MAX}
          placeholder="例如：想请您帮忙看看洗衣机"
          onInput={(e) => setMessage(e.detail.value)}
        />
        {sending.fieldErrors.message ? (
          <Text className="field-error" id="request-message-error">
            {sending.fieldErrors.message}
          </Text>
        ) : null}
        <FormError id="request-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="request-send"
            className="btn btn--primary"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在发送…' : '发送请求'}
          </Button>
          <Button id="request-cancel" className="btn btn--plain" onClick={props.onClose}>
            不发了
          </Button>
        </View>
      </View>
    </View>
  );
}
