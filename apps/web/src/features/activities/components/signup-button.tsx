import { Button, Popconfirm } from 'antd';
import type { SignupStatus } from '@wenming/shared';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelSignup, useMySignups, useSignup } from '../api/signups-api';

/** Sign up / cancel for the logged-in volunteer. */
export function SignupButton({
  activityId,
  volunteerId,
  knownStatus,
  block,
}: {
  activityId: string;
  volunteerId: string;
  knownStatus?: SignupStatus | null;
  block?: boolean;
}) {
  const mine = useMySignups();
  const signup = useSignup();
  const cancel = useCancelSignup();
  const status = mine.data?.[activityId] ?? knownStatus ?? null;
  const holding = status === 'confirmed' || status === 'waitlisted';

  if (holding) {
    return (
      <Popconfirm
        title={`${t.activities.cancelSignup}？`}
        okText={t.common.confirm}
        cancelText={t.common.cancel}
        onConfirm={() => cancel.mutate({ activityId, volunteerId, self: true }, { onSuccess: () => notify.success(t.activities.signupCancelled) })}
      >
        <Button block={block} loading={cancel.isPending}>
          {t.activities.cancelSignup}
        </Button>
      </Popconfirm>
    );
  }
  return (
    <Button
      type="primary"
      block={block}
      loading={signup.isPending}
      onClick={() =>
        signup.mutate(
          { activityId },
          {
            onSuccess: (res) => (res?.status === 'waitlisted' ? notify.warning(t.activities.waitlisted) : notify.success(t.activities.signedUp)),
          },
        )
      }
    >
      {t.activities.signup}
    </Button>
  );
}
