import { useState } from 'react';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '@/lib/api-client';
import type { VolunteerImportResponse as ImportResult } from '@wenming/shared';
import { fmt, t } from '@/lib/i18n';
import { useImportVolunteers } from '../api/volunteers-api';

type Row = ImportResult['errors'][number];

/** Upload .csv/.xlsx; any bad row imports nothing, and the rows at fault are listed. */
export function ImportVolunteers() {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; rows: Row[] } | null>(null);
  const imp = useImportVolunteers();

  const run = (file: File) => {
    setResult(null);
    setFailure(null);
    imp.mutate(file, {
      onSuccess: (res) => {
        if (res.errors?.length) setFailure({ message: t.volunteers.importFailed, rows: res.errors });
        else setResult(res);
      },
      onError: (e) => {
        const bodyRows = e instanceof ApiError && Array.isArray(e.body.errors) ? (e.body.errors as Row[]) : null;
        const rows: Row[] = bodyRows
          ? bodyRows
          : e instanceof ApiError
            ? e.details.map((d, i) => {
                const m = /(?:^|\D)(\d+)(?:\D|$)/.exec(d.field);
                return { row: m ? Number(m[1]) : i + 1, field: d.field, message: d.message };
              })
            : [];
        setFailure({ message: e instanceof Error ? e.message : t.common.unknownError, rows });
      },
    });
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t.volunteers.import}
      </Button>
      <Modal open={open} title={t.volunteers.import} footer={null} onCancel={() => setOpen(false)} width={720} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t.volunteers.importHint}</Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={imp.isPending}
          beforeUpload={(file) => {
            run(file);
            return false;
          }}
        >
          <p style={{ fontSize: 32, margin: 0 }}>
            <UploadOutlined />
          </p>
          <p>{imp.isPending ? t.common.loading : t.volunteers.import}</p>
        </Upload.Dragger>
        {result ? (
          <Alert style={{ marginTop: 16 }} type="success" showIcon title={fmt(t.volunteers.importDone, { created: result.created, updated: result.updated })} />
        ) : null}
        {failure ? (
          <>
            <Alert style={{ marginTop: 16 }} type="error" showIcon title={failure.message} />
            {failure.rows.length ? (
              <Table<Row>
                style={{ marginTop: 12 }}
                size="small"
                rowKey={(r, i) => `${r.row}-${r.field ?? ''}-${i}`}
                dataSource={failure.rows}
                pagination={failure.rows.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: t.volunteers.row, dataIndex: 'row', width: 80 },
                  { title: t.volunteers.field, dataIndex: 'field', width: 140, render: (f?: string) => f ?? '—' },
                  { title: t.volunteers.problem, dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Modal>
    </>
  );
}
