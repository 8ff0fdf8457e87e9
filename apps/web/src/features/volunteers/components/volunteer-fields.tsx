import { DatePicker, Form, Input, Select } from 'antd';
import { PERSON_NAME_MAX, PHONE_PATTERN } from '@wenming/shared';
import { optionsOf } from '@/components/ui/options';
import { dayjs, type Dayjs } from '@/lib/dates';
import { GENDER_LABELS, POLITICAL_STATUS_LABELS, fmt, t } from '@/lib/i18n';

/** The profile fields the create and the edit form share (same rules, same words). */

/** 姓名: required, at most the API's PERSON_NAME_MAX characters. */
export function NameField() {
  return (
    <Form.Item
      label={t.volunteers.name}
      name="name"
      rules={[
        { required: true, whitespace: true, message: fmt(t.common.required, { label: t.volunteers.name }) },
        { max: PERSON_NAME_MAX, message: `${t.volunteers.name}最多 ${PERSON_NAME_MAX} 个字` },
      ]}
    >
      <Input maxLength={PERSON_NAME_MAX} autoComplete="off" />
    </Form.Item>
  );
}

/** 手机号: spaces dropped as typed, the shared PHONE_PATTERN. */
export function PhoneField() {
  return (
    <Form.Item
      label={t.volunteers.phone}
      name="phone"
      rules={[{ pattern: PHONE_PATTERN, message: t.common.phoneInvalid }]}
      normalize={(v: string) => (v ?? '').replace(/\s+/g, '')}
    >
      <Input inputMode="tel" maxLength={11} autoComplete="off" />
    </Form.Item>
  );
}

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
