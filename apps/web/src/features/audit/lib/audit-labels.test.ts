import { describe, expect, it } from 'vitest';
import { auditActionText, auditObjectText } from './audit-labels';

describe('audit labels', () => {
  it('shows actions and entities in Chinese', () => {
    expect(auditActionText('attendance.confirm')).toBe('确认考勤');
    expect(auditActionText('service_order.dispatch')).toBe('派单');
    expect(auditObjectText({ entity: 'attendance', before: { status: 'pending' }, after: { status: 'confirmed' } })).toBe('考勤');
  });

  it('prefers the name the API resolved (an attendance snapshot carries ids only)', () => {
    expect(auditObjectText({ entity: 'attendance', entityName: '李秀兰 · 周五志愿服务日', before: null, after: { status: 'pending' } })).toBe(
      '考勤：李秀兰 · 周五志愿服务日',
    );
    expect(auditObjectText({ entity: 'attendance', entityName: null, before: null, after: { status: 'pending' } })).toBe('考勤');
  });

  it('names the object from its snapshot where it carries a name', () => {
    expect(auditObjectText({ entity: 'menu_item', before: null, after: { title: '义诊进村' } })).toBe('服务菜单：义诊进村');
    expect(auditObjectText({ entity: 'service_day_schedule', before: { title: '周五志愿服务日' }, after: { cancelled: 3 } })).toBe('服务日安排：周五志愿服务日');
  });
});
