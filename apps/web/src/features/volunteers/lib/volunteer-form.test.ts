import { describe, expect, it } from 'vitest';
import { dayjs } from '@/lib/dates';
import { ID_NUMBER_PATTERN, toCreateVolunteerRequest } from './volunteer-form';

describe('toCreateVolunteerRequest', () => {
  it('leaves empty optional fields out and formats the birth date as a calendar date', () => {
    expect(toCreateVolunteerRequest({ name: ' 张晓明 ', phone: ' ', idNumber: '', skills: [], siteId: 's1' })).toEqual({ name: '张晓明', siteId: 's1' });
  });

  it('sends every filled field in the API shape', () => {
    expect(
      toCreateVolunteerRequest({
        name: '李芳',
        phone: '139 1234 5678',
        gender: 'female',
        birthDate: dayjs('1990-03-07'),
        politicalStatus: 'party_member',
        skills: [' 理发 ', '义诊', '理发', ''],
        siteId: 's1',
        idNumber: '11010119900307123x',
        teamId: 't1',
      }),
    ).toEqual({
      name: '李芳',
      phone: '13912345678',
      gender: 'female',
      birthDate: '1990-03-07',
      politicalStatus: 'party_member',
      skills: ['理发', '义诊'],
      siteId: 's1',
      idNumber: '11010119900307123X',
      teamId: 't1',
    });
  });

  it('accepts 18-character id numbers ending in a digit or X', () => {
    expect(ID_NUMBER_PATTERN.test('110101199003071234')).toBe(true);
    expect(ID_NUMBER_PATTERN.test('11010119900307123X')).toBe(true);
    expect(ID_NUMBER_PATTERN.test('1101011990030712')).toBe(false);
  });
});
