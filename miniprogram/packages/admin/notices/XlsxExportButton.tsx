import { Button } from '@tarojs/components';
import { useState } from 'react';
import { showError } from '../../../api/client';
import { xlsxRequest } from '../../../hooks/notices-admin';
import { downloadXlsx } from '../../../lib/notice-files';

/** 导出 Excel of one notice's read figures or sign-up roster (WeChat: open the file; H5: download it). */
export function XlsxExportButton(props: {
  id: string;
  kind: 'reads' | 'signups';
  communityId: number;
  noticeId: number;
  fileName: string;
}) {
  const [busy, setBusy] = useState(false);
  const exportXlsx = async () => {
    setBusy(true);
    try {
      await downloadXlsx(await xlsxRequest(props.kind, props.communityId, props.noticeId), props.fileName);
    } catch {
      showError('没有导出成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      id={props.id}
      className="btn btn--plain btn--block gap-top"
      disabled={busy || undefined}
      onClick={() => void exportXlsx()}
    >
      {busy ? '正在导出…' : '导出 Excel'}
    </Button>
  );
}
