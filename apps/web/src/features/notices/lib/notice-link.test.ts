import { describe, expect, it } from 'vitest';
import { noticeRoute } from './notice-link';

describe('noticeRoute', () => {
  it('keeps web routes and maps the API-shaped ones onto their pages', () => {
    expect(noticeRoute('/activities/a1')).toBe('/activities/a1');
    expect(noticeRoute('/points')).toBe('/points');
    expect(noticeRoute('/me/record')).toBe('/record');
    expect(noticeRoute('/service-orders/0b7f')).toBe('/orders');
  });
  it('never navigates off the app or nowhere', () => {
    expect(noticeRoute(null)).toBeNull();
    expect(noticeRoute('https://example.com/x')).toBeNull();
  });
});
