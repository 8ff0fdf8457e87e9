import { describe, expect, it, vi } from 'vitest';
import type { MessageInstance } from 'antd/es/message/interface';
import { bindMessage, notify, onMessageHostRequested } from './notify';

describe('notify (message host mounted on demand)', () => {
  it('asks for the host on the first toast, queues until it is bound, then shows directly', () => {
    const request = vi.fn();
    const off = onMessageHostRequested(request);
    notify.success('已保存');
    notify.warning('请先登录');
    expect(request).toHaveBeenCalled();

    const m = { success: vi.fn(), warning: vi.fn(), info: vi.fn(), error: vi.fn() };
    bindMessage(m as unknown as MessageInstance);
    expect(m.success).toHaveBeenCalledWith('已保存');
    expect(m.warning).toHaveBeenCalledWith('请先登录');

    notify.error(new Error('网络异常，请检查网络后重试'));
    expect(m.error).toHaveBeenCalledTimes(1);
    bindMessage(null);
    off();
  });
});
