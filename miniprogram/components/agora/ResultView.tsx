import { Text, View } from '@tarojs/components';
import type { TallyResultView } from '../../../shared/contracts/votes';
import type { VoteElectorate } from '../../../shared/enums';
import { cx } from '../../lib/format';
import { areaText, percentText, ratioText } from './text';
import './resident.css';

type Threshold = TallyResultView['participation'][number];

/** One test of the rule: what was reached against what is required, ✓ or ✗, in plain words. */
export function ThresholdLine(props: { id: string; t: Threshold }) {
  const { t } = props;
  return (
    <View className="agora-figure-row" id={props.id}>
      <Text className="t-body">{t.label}</Text>
      <Text className="t-body">
        {ratioText(t.value)}（{percentText(t.value)}） / 要求{t.strict ? '超过' : '达到'}
        {ratioText(t.required)}{' '}
        <Text className={t.met ? 'agora-met' : 'agora-unmet'} id={`${props.id}-met`}>
          {t.met ? '✓ 达到' : '✗ 未达到'}
        </Text>
      </Text>
    </View>
  );
}

/** Each option with its ballots as a bar; for owners' votes also heads and area. */
export function ResultBars(props: { result: TallyResultView; electorate: VoteElectorate; thresholds?: boolean }) {
  const r = props.result;
  const owners = props.electorate === 'owner';
  const total = Math.max(1, r.participated.count);
  return (
    <View id="result-options">
      {r.options.map((o) => (
        <View key={o.optionId} className="agora-bar" id={`result-option-${o.optionId}`}>
          <View className="row row--between row--wrap">
            <Text className={cx('t-body', r.winners.includes(o.optionId) && 'agora-met')}>
              {r.winners.includes(o.optionId) ? '✓ ' : ''}
              {o.label}
            </Text>
            <Text className="t-body" id={`result-option-${o.optionId}-count`}>
              {o.ballots} 票
            </Text>
          </View>
          <View className="agora-bar-track">
            <View
              className="agora-bar-fill"
              style={{ width: `${Math.min(100, Math.floor((o.ballots * 100) / total))}%` }}
            />
          </View>
          {owners ? (
            <Text className="t-small t-block" id={`result-option-${o.optionId}-owners`}>
              业主 {o.heads} 人，面积 {areaText(o.areaCenti)}
              {o.silentHeads > 0 ? `（含未表态按多数计入 ${o.silentHeads} 人，${areaText(o.silentAreaCenti)}）` : ''}
            </Text>
          ) : null}
          {props.thresholds
            ? o.approval.map((t) => <ThresholdLine key={t.key} id={`result-option-${o.optionId}-${t.key}`} t={t} />)
            : null}
        </View>
      ))}
    </View>
  );
}
