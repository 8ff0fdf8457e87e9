import { DatePicker, Form } from 'antd';
import type { Dayjs } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';

/** The activity's start–end range (form field `time`): required, end after start, at most 24 h — as the API's rule. */
export function ActivityTimeField() {
  return (
    <Form.Item
      label={t.activities.time}
      name="time"
      rules={[
        { required: true, message: fmt(t.common.requiredSelect, { label: t.activities.time }) },
        {
          validator: (_, v: [Dayjs, Dayjs] | undefined) => {
            if (!v) return Promise.resolve();
            const minutes = v[1].diff(v[0], 'minute');
            if (minutes <= 0) return Promise.reject(new Error(t.schedules.timeOrder));
            if (minutes > 24 * 60) return Promise.reject(new Error(t.activities.tooLong));
            return Promise.resolve();
          },
        },
      ]}
    >
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm', minuteStep: 5 }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: '100%' }}
        placeholder={[t.activities.startsAt, t.activities.endsAt]}
      />
    </Form.Item>
  );
}
