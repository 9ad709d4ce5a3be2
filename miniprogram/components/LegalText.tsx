import { Text, View } from '@tarojs/components';

export interface LegalSection {
  title: string;
  paragraphs: string[];
}

export function LegalText(props: { title: string; updated: string; sections: LegalSection[] }) {
  return (
    <View className="card legal">
      <Text className="t-hero t-block">{props.title}</Text>
      <Text className="t-small t-block">更新日期：{props.updated}</Text>
      {props.sections.map((s, i) => (
        <View key={s.title} className="gap-top-lg" id={`legal-section-${i + 1}`}>
          <Text className="t-title t-block">{s.title}</Text>
          {s.paragraphs.map((p) => (
            <Text key={p} className="t-body t-block gap-top">
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
