import { useEffect } from 'react';
import { message } from 'antd';
import { bindMessage } from '@/lib/notify';

/** Loaded on the first toast (see lib/notify): antd's message API inside the ConfigProvider. */
export function MessageHost() {
  const [api, holder] = message.useMessage();
  useEffect(() => {
    bindMessage(api);
    return () => bindMessage(null);
  }, [api]);
  return holder;
}
