import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import { addMeeting, addTopicUpdate, TOPIC_MAX_IMAGES } from '../../../../shared/contracts/topics';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { Photos } from '../../../components/agora/Photos';
import { Field, FormError } from '../../../components/Form';
import { postUpdate, recordMeeting } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { checkWith, optionalNumber } from '../../../lib/validation';
import { chinaDate } from '../notice-edit/form';

const today = () => chinaDate(new Date().toISOString());

type MeetingKey = 'heldOn' | 'place' | 'attendees' | 'attendeeCount' | 'minutes' | 'uploadIds';

/** 线下议事会 record: date, place, who attended and how many, the minutes, photos. */
export function MeetingForm(props: { communityId: number; topicId: number; onDone: () => void; onClose: () => void }) {
  const [heldOn, setHeldOn] = useState(today());
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [count, setCount] = useState('');
  const [minutes, setMinutes] = useState('');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const sending = useSubmit<MeetingKey>();
  const send = async () => {
    const n = optionalNumber(count);
    const checked = checkWith<BodyOf<typeof addMeeting>, MeetingKey>(addMeeting.body, {
      heldOn,
      ...(place.trim() ? { place } : {}),
      attendees,
      ...(n === null ? {} : { attendeeCount: n }),
      minutes,
      uploadIds: photos.map((p) => p.id),
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    if (await sending.submit(() => recordMeeting(props.communityId, props.topicId, body))) props.onDone();
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="meeting-form">
      <Text className="t-title t-block">添加议事会记录</Text>
      <Field
        id="meeting-date"
        label="日期"
        value={heldOn}
        onChange={setHeldOn}
        placeholder="例如：2026-12-05"
        maxlength={10}
        error={e.heldOn}
      />
      <Field
        id="meeting-place"
        label="地点（可不填）"
        value={place}
        onChange={setPlace}
        maxlength={40}
        error={e.place}
      />
      <Field
        id="meeting-attendees"
        label="参加的人"
        value={attendees}
        onChange={setAttendees}
        maxlength={200}
        placeholder="例如：居委会2人、物业1人、居民代表8人"
        error={e.attendees}
      />
      <Field
        id="meeting-count"
        label="人数（可不填）"
        type="number"
        value={count}
        onChange={setCount}
        maxlength={5}
        error={e.attendeeCount}
      />
      <Field
        id="meeting-minutes"
        label="会议纪要"
        value={minutes}
        onChange={setMinutes}
        multiline
        maxlength={5000}
        error={e.minutes}
      />
      <Photos
        id="meeting-photos"
        communityId={props.communityId}
        label={`照片（可不加，最多${TOPIC_MAX_IMAGES}张）`}
        max={TOPIC_MAX_IMAGES}
        value={photos}
        onChange={setPhotos}
        error={e.uploadIds}
      />
      <FormError id="meeting-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="meeting-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : '保存记录'}
        </Button>
        <Button id="meeting-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}

type UpdateKey = 'body' | 'happenedOn' | 'uploadIds';

/** 发布实施进展: what was done, on which day, photos; everyone who took part is told. */
export function UpdateForm(props: { communityId: number; topicId: number; onDone: () => void; onClose: () => void }) {
  const [body, setBody] = useState('');
  const [happenedOn, setHappenedOn] = useState(today());
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const sending = useSubmit<UpdateKey>();
  const send = async () => {
    const checked = checkWith<BodyOf<typeof addTopicUpdate>, UpdateKey>(addTopicUpdate.body, {
      body,
      happenedOn,
      uploadIds: photos.map((p) => p.id),
    });
    sending.setFieldErrors(checked.errors);
    const checkedBody = checked.body;
    if (!checkedBody) return;
    if (await sending.submit(() => postUpdate(props.communityId, props.topicId, checkedBody))) props.onDone();
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="update-form">
      <Text className="t-title t-block">发布实施进展</Text>
      <Text className="t-small t-block">提议、附议和投票的住户都会收到消息。</Text>
      <Field
        id="update-body"
        label="做了什么"
        value={body}
        onChange={setBody}
        multiline
        maxlength={500}
        error={e.body}
      />
      <Field
        id="update-date"
        label="日期"
        value={happenedOn}
        onChange={setHappenedOn}
        placeholder="例如：2026-12-05"
        maxlength={10}
        error={e.happenedOn}
      />
      <Photos
        id="update-photos"
        communityId={props.communityId}
        label={`照片（可不加，最多${TOPIC_MAX_IMAGES}张）`}
        max={TOPIC_MAX_IMAGES}
        value={photos}
        onChange={setPhotos}
        error={e.uploadIds}
      />
      <FormError id="update-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="update-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在发布…' : '发布'}
        </Button>
        <Button id="update-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
