import { Button, Flex, Typography } from 'antd';
import { dayjs } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';

/** The dates a schedule will generate; clicking one toggles it into skipDates. */
export function SchedulePreview({ occurrences, skipDates, onToggle }: { occurrences: string[]; skipDates: string[]; onToggle: (date: string) => void }) {
  const skipped = new Set(skipDates);
  const count = occurrences.filter((d) => !skipped.has(d)).length;
  return (
    <section aria-label={t.schedules.preview}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Text strong>{t.schedules.preview}</Typography.Text>
        <Typography.Text type="secondary" data-testid="preview-count">
          {fmt(t.schedules.previewCount, { n: count })}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
        {t.schedules.previewHint}
      </Typography.Paragraph>
      {occurrences.length === 0 ? (
        <Typography.Text type="secondary">{t.schedules.previewEmpty}</Typography.Text>
      ) : (
        <Flex wrap gap={6}>
          {occurrences.map((d) => {
            const isSkipped = skipped.has(d);
            return (
              <Button
                key={d}
                size="small"
                type={isSkipped ? 'default' : 'primary'}
                ghost={!isSkipped}
                aria-label={d}
                aria-pressed={!isSkipped}
                title={d}
                onClick={() => onToggle(d)}
                style={isSkipped ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}
              >
                {dayjs(d).format('MM-DD ddd')}
              </Button>
            );
          })}
        </Flex>
      )}
    </section>
  );
}
