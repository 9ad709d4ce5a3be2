import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type ImportReply, ROSTER_MAX_BYTES } from '../../../../shared/contracts/households';
import { showError } from '../../../api/client';
import { rosterTemplateRequest, uploadRoster } from '../../../hooks/households-admin';
import { downloadTemplate, type PickedFile, pickRosterFile, TOO_LARGE } from '../../../lib/roster-file';

/** Bad rows listed at once; the rest are counted (a wrong column can make every row bad). */
const ERRORS_SHOWN = 100;

/**
 * 导入住户名单: template → choose the file → preview (nothing written) → 确认导入 → result.
 * The server is idempotent: the same file again shows nothing new.
 */
export function RosterImport(props: { communityId: number; onDone: () => void }) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportReply | null>(null);
  const [result, setResult] = useState<ImportReply | null>(null);
  const [busy, setBusy] = useState<'template' | 'preview' | 'commit' | null>(null);

  const template = async () => {
    setBusy('template');
    try {
      await downloadTemplate(await rosterTemplateRequest(props.communityId));
    } catch {
      showError('模板没有下载成功，请稍后再试');
    } finally {
      setBusy(null);
    }
  };

  const choose = async () => {
    const picked = await pickRosterFile().catch(() => null);
    if (!picked) return;
    if (picked.size > ROSTER_MAX_BYTES) return showError(TOO_LARGE);
    setFile(picked);
    setPreview(null);
    setResult(null);
    setBusy('preview');
    try {
      setPreview(await uploadRoster(props.communityId, 'preview', picked.bytes));
    } catch {
      // toast shown (e.g. not a spreadsheet, no header row)
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy('commit');
    try {
      const reply = await uploadRoster(props.communityId, 'commit', file.bytes);
      setResult(reply);
      setPreview(null);
      void Taro.showToast({ title: reply.applied ? '导入完成' : '没有需要更新的内容', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };

  const canCommit = preview !== null && preview.errors.length === 0 && preview.created + preview.updated > 0;

  return (
    <View id="roster-import">
      <View className="card">
        <Text className="t-title t-block">第一步：下载模板</Text>
        <Text className="t-body t-block gap-top">
          每户一行，填楼号、单元、室号，面积和是否业主自住可以不填。已经有的房屋不会重复添加。
        </Text>
        <Button
          id="roster-template"
          className="btn btn--plain btn--block gap-top"
          disabled={busy !== null || undefined}
          onClick={() => void template()}
        >
          {busy === 'template' ? '正在下载…' : '下载名册模板（Excel）'}
        </Button>
      </View>

      <View className="card">
        <Text className="t-title t-block">第二步：选择填好的名册</Text>
        <Text className="t-body t-block gap-top">
          可以是 Excel（.xlsx）或 CSV 文件，最多10000行。选好后先预览，不会马上改动。
        </Text>
        <Button
          id="roster-choose"
          className="btn btn--primary btn--block gap-top"
          disabled={busy !== null || undefined}
          onClick={() => void choose()}
        >
          {busy === 'preview' ? '正在检查…' : file ? '重新选择文件' : '选择文件'}
        </Button>
        {file ? (
          <Text className="t-small t-block gap-top" id="roster-file-name">
            已选：{file.name}
          </Text>
        ) : null}
      </View>

      {preview ? (
        <View className="card" id="roster-preview">
          <Text className="t-title t-block">第三步：看一看，再确认导入</Text>
          <ImportSummary reply={preview} />
          {canCommit ? (
            <Button
              id="roster-commit"
              className="btn btn--primary btn--block gap-top"
              disabled={busy !== null || undefined}
              onClick={() => void commit()}
            >
              {busy === 'commit' ? '正在导入…' : '确认导入'}
            </Button>
          ) : null}
        </View>
      ) : null}

      {result ? (
        <View className="card" id="roster-result">
          <Text className="t-title t-block">导入结果</Text>
          <ImportSummary reply={result} />
          <Button id="roster-see-buildings" className="btn btn--plain btn--block gap-top" onClick={props.onDone}>
            查看楼栋
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function ImportSummary(props: { reply: ImportReply }) {
  const r = props.reply;
  const counts = [
    { id: 'rows', label: '名册行数', value: r.rows },
    { id: 'created', label: '新增', value: r.created },
    { id: 'updated', label: '有变化', value: r.updated },
    { id: 'unchanged', label: '不变', value: r.unchanged },
    { id: 'buildings', label: '新楼栋', value: r.buildingsCreated },
    { id: 'errors', label: '填错的行', value: r.errors.length },
  ];
  return (
    <View>
      <Text className="t-body t-block gap-top" id="roster-message">
        {r.message}
      </Text>
      <View className="import-counts gap-top">
        {counts.map((c) => (
          <View key={c.id} className="import-count">
            <View className="card" id={`roster-count-${c.id}`}>
              <Text className="t-title t-block import-count-value">{c.value}</Text>
              <Text className="t-small t-block">{c.label}</Text>
            </View>
          </View>
        ))}
      </View>
      {r.errors.length > 0 ? (
        <View className="gap-top" id="roster-errors">
          <Text className="t-body t-block">请在文件里改好这些行，再重新选择文件：</Text>
          {r.errors.slice(0, ERRORS_SHOWN).map((e) => (
            <Text key={e.row} className="import-error t-body" id={`roster-error-${e.row}`}>
              {e.message}
            </Text>
          ))}
          {r.errors.length > ERRORS_SHOWN ? (
            <Text className="t-small t-block">还有{r.errors.length - ERRORS_SHOWN}行有问题，没有全部列出。</Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
