/** antd's message API bound to the App context (set by AppProviders); falls back to the static one. */
import { message as staticMessage } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { errorMessage } from './api-client';

let instance: MessageInstance | null = null;

export function bindMessage(m: MessageInstance | null): void {
  instance = m;
}

function m(): MessageInstance {
  return instance ?? (staticMessage as unknown as MessageInstance);
}

export const notify = {
  success: (text: string) => void m().success(text),
  info: (text: string) => void m().info(text),
  warning: (text: string) => void m().warning(text),
  error: (error: unknown) => void m().error(errorMessage(error)),
};
