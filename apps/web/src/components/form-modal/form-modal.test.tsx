import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { http, HttpResponse } from 'msw';
import { api } from '@/lib/api-client';
import { notify } from '@/lib/notify';
import { apiError, apiPath, readBody, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { FormModal } from './form-modal';

interface Values {
  name: string;
  phone: string;
}

function Harness({ onSaved }: { onSaved?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>新建</Button>
      <FormModal<Values>
        open={open}
        title="新建联系人"
        initialValues={{ name: '' }}
        onSubmit={(v) => api.post('/contacts', v)}
        onClose={() => {
          setOpen(false);
          onSaved?.();
        }}
      >
        <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="手机号" name="phone">
          <Input />
        </Form.Item>
      </FormModal>
    </>
  );
}

describe('FormModal', () => {
  it('puts the API details on the fields, spins while saving, and closes with 已保存 when it succeeds', async () => {
    let reject = true;
    let release: () => void = () => undefined;
    const calls = recordCalls();
    server.use(
      http.post(apiPath('/contacts'), async ({ request }) => {
        if (reject) return apiError(400, 'VALIDATION_FAILED', '请检查填写的内容', [{ field: 'phone', message: '手机号已被其他账号使用' }]);
        await new Promise<void>((r) => (release = r));
        return HttpResponse.json({ id: 'c1', ...((await readBody(request)) as object) }, { status: 201 });
      }),
    );
    const onClose = vi.fn();
    const success = vi.spyOn(notify, 'success');
    renderWithProviders(<Harness onSaved={onClose} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /新\s*建/ }));
    await user.type(await screen.findByLabelText('姓名'), '韩秀芝');
    await user.type(screen.getByLabelText('手机号'), '13912345678');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    const phoneItem = screen.getByLabelText('手机号').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(phoneItem.textContent).toContain('手机号已被其他账号使用'));
    expect(onClose).not.toHaveBeenCalled();

    reject = false;
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    const save = screen.getByRole('button', { name: /保\s*存/ });
    await waitFor(() => expect(save.className).toContain('ant-btn-loading'));
    release();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(success).toHaveBeenCalledWith('已保存');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { name: '韩秀芝', phone: '13912345678' },
      { name: '韩秀芝', phone: '13912345678' },
    ]);
  });

  it('Enter sends only from the last field, never while an IME is composing, and reopening starts empty', async () => {
    const calls = recordCalls();
    server.use(http.post(apiPath('/contacts'), () => HttpResponse.json({ id: 'c1' }, { status: 201 })));
    const onClose = vi.fn();
    renderWithProviders(<Harness onSaved={onClose} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /新\s*建/ }));
    await user.type(await screen.findByLabelText('姓名'), '韩秀芝{Enter}');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toHaveLength(0);
    expect(screen.queryByText('请填写姓名')).toBeNull();

    const phone = screen.getByLabelText('手机号');
    await user.type(phone, '139');
    phone.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true }));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toHaveLength(0);

    await user.type(phone, '{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.map((c) => c.body)).toEqual([{ name: '韩秀芝', phone: '139' }]);

    await user.click(screen.getByRole('button', { name: /新\s*建/ }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect((within(dialog).getByLabelText('姓名') as HTMLInputElement).value).toBe(''));
    expect((within(dialog).getByLabelText('手机号') as HTMLInputElement).value).toBe('');
  });
});
