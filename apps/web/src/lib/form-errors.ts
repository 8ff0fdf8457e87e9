import type { FormInstance } from 'antd';
import { ApiError } from './api-client';
import { notify } from './notify';

/**
 * Puts the API's per-field `details` on the form's fields and shows the overall message.
 * Fields are matched by name ("startsAt", "address.line1" → ['address','line1']).
 */
export function applyApiErrors(form: FormInstance | undefined, error: unknown): void {
  if (form && error instanceof ApiError && error.details.length) {
    // Registered fields (also those still empty) and whatever the store holds.
    const known = new Set([...form.getFieldsError().map((f) => String(f.name[0])), ...Object.keys(form.getFieldsValue(true) ?? {})]);
    const fields = error.details.map((d) => ({ name: d.field.split('.'), errors: [d.message] })).filter((f) => known.size === 0 || known.has(f.name[0]));
    if (fields.length) form.setFields(fields);
  }
  notify.error(error);
}
