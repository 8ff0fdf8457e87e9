import { Card, Col, Flex, List, Progress, Rate, Row, Statistic, Typography } from 'antd';
import { DEFAULT_STAR_THRESHOLDS_HOURS } from '@wenming/shared';
import { AttendanceStatusTag } from '@/components/ui/status-tag';
import { DownloadButton } from '@/components/ui/download-button';
import { EmptyState } from '@/components/ui/states';
import type { VolunteerRecordDto as VolunteerRecord } from '@wenming/shared';
import { fmt, t } from '@/lib/i18n';
import { certificatePath } from '../api/record-api';

export function RecordView({ record, volunteerId, volunteerName }: { record: VolunteerRecord; volunteerId: string; volunteerName?: string }) {
  const next = DEFAULT_STAR_THRESHOLDS_HOURS[record.star] as number | undefined;
  const prev = record.star > 0 ? DEFAULT_STAR_THRESHOLDS_HOURS[record.star - 1] : 0;
  const percent = next ? Math.min(100, Math.round(((record.totalHours - prev) / (next - prev)) * 100)) : 100;
  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex vertical align="center" gap={4}>
          <Typography.Text type="secondary">{t.record.star}</Typography.Text>
          <Rate disabled count={5} value={record.star} aria-label={t.record.star} />
          <Typography.Text strong>{record.star > 0 ? fmt(t.record.starN, { n: record.star }) : t.record.starNone}</Typography.Text>
          {next ? (
            <div style={{ width: '100%', maxWidth: 320 }}>
              <Progress percent={percent} size="small" strokeColor="#c8161d" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmt(t.record.nextStar, { n: record.star + 1, h: Math.max(0, Math.round((next - record.totalHours) * 10) / 10) })}
              </Typography.Text>
            </div>
          ) : null}
        </Flex>
      </Card>
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <Card size="small">
            <Statistic title={t.record.totalHours} value={record.totalHours} precision={1} styles={{ content: { fontSize: 22 } }} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title={t.record.personTimes} value={record.personTimes} styles={{ content: { fontSize: 22 } }} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title={t.record.points} value={record.points} styles={{ content: { fontSize: 22 } }} />
          </Card>
        </Col>
      </Row>
      <DownloadButton
        path={certificatePath(volunteerId)}
        fallbackName={`${t.record.certificateFileName}-${volunteerName ?? volunteerId}.pdf`}
        type="primary"
        block
        size="large"
      >
        {t.record.certificate}
      </DownloadButton>
      <Card title={t.record.entries} size="small">
        {record.entries.length === 0 ? (
          <EmptyState description={t.record.noEntries} />
        ) : (
          <List
            dataSource={record.entries}
            renderItem={(e) => (
              <List.Item
                key={e.activityId}
                extra={
                  e.hours != null ? (
                    <Typography.Text strong>
                      {e.hours} {t.common.hours}
                    </Typography.Text>
                  ) : (
                    <AttendanceStatusTag status={e.status} />
                  )
                }
              >
                <List.Item.Meta title={e.title} description={[e.date, e.siteName, e.teamName].join(' · ')} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
