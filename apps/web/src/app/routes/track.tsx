import { Alert, Button, Flex, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useLocation, useParams } from 'react-router-dom';
import { useTrackOrder } from '@/features/service-orders/api/orders-api';
import { OrderTracker } from '@/features/service-orders/components/order-tracker';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { ApiError } from '@/lib/api-client';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

export function TrackPage() {
  const { token = '' } = useParams();
  const location = useLocation();
  const justCreated = (location.state as { justCreated?: boolean } | null)?.justCreated;
  const query = useTrackOrder(token);
  const link = `${window.location.origin}/track/${token}`;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.orders.trackTitle}
      </Typography.Title>
      {justCreated ? (
        <Alert
          type="success"
          showIcon
          title={t.orders.submitted}
          description={
            <Flex vertical gap={6}>
              <Typography.Text copyable={false} style={{ wordBreak: 'break-all' }}>
                {t.orders.trackLink}：{link}
              </Typography.Text>
              <Button
                size="small"
                icon={<CopyOutlined />}
                style={{ width: 'fit-content' }}
                onClick={() =>
                  void navigator.clipboard?.writeText(link).then(
                    () => notify.success(t.orders.copied),
                    () => undefined,
                  )
                }
              >
                {t.orders.copy}
              </Button>
            </Flex>
          }
        />
      ) : null}
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        query.error instanceof ApiError && query.error.statusCode === 404 ? (
          <Alert type="error" showIcon title={t.orders.trackNotFound} />
        ) : (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        )
      ) : (
        <OrderTracker order={query.data} token={token} />
      )}
    </Flex>
  );
}
