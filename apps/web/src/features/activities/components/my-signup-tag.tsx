import { Tag } from 'antd';
import type { MySignupDto } from '@wenming/shared';
import { mySignupText } from '../lib/place';

/** The volunteer's own place on an activity: 已报名 (green) or 候补第 N 位 (orange); nothing when none. */
export function MySignupTag({ signup }: { signup: MySignupDto | null | undefined }) {
  const text = mySignupText(signup);
  if (!text || !signup) return null;
  return (
    <Tag color={signup.status === 'confirmed' ? 'success' : 'warning'} data-testid="my-signup">
      {text}
    </Tag>
  );
}
