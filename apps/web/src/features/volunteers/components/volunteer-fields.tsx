import { DatePicker, Form, Select } from 'antd';
import { optionsOf } from '@/components/ui/options';
import { dayjs, type Dayjs } from '@/lib/dates';
import { GENDER_LABELS, POLITICAL_STATUS_LABELS, t } from '@/lib/i18n';

/** The profile fields the create and the edit form share (same rules, same words). */

export function GenderField({ allowClear = false }: { allowClear?: boolean }) {
  return (
    <Form.Item label={t.volunteers.gender} name="gender">
      <Select aria-label={t.volunteers.gender} allowClear={allowClear} options={optionsOf(GENDER_LABELS)} />
    </Form.Item>
  );
}

/** 出生日期: never in the future. */
export function BirthDateField() {
  return (
    <Form.Item
      label={t.volunteers.birthDate}
      name="birthDate"
      rules={[
        {
          validator: (_, v: Dayjs | null | undefined) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t.volunteers.birthDateFuture)) : Promise.resolve()),
        },
      ]}
    >
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
    </Form.Item>
  );
}

export function PoliticalStatusField({ allowClear = false }: { allowClear?: boolean }) {
  return (
    <Form.Item label={t.volunteers.politicalStatus} name="politicalStatus">
      <Select aria-label={t.volunteers.politicalStatus} allowClear={allowClear} options={optionsOf(POLITICAL_STATUS_LABELS)} />
    </Form.Item>
  );
}

/** 技能: free tags, split on commas and 、. */
export function SkillsField() {
  return (
    <Form.Item label={t.volunteers.skills} name="skills">
      <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t.volunteers.skillsPlaceholder} open={false} suffixIcon={null} />
    </Form.Item>
  );
}
