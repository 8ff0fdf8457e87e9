/**
 * Toasts through antd's message API, bound to the theme by a host that AppProviders mounts only
 * when the first toast is asked for — so antd's message/notification code is not part of any
 * page's initial download. Calls made before the host is ready are queued and shown once it is.
 */
import type { MessageInstance } from 'antd/es/message/interface';
import { errorMessage } from './api-client';

type Kind = 'success' | 'info' | 'warning' | 'error';

let instance: MessageInstance | null = null;
let requestHost: (() => void) | null = null;
const queue: Array<[Kind, string]> = [];

export function bindMessage(m: MessageInstance | null): void {
  instance = m;
  if (m) {
    for (const [kind, text] of queue.splice(0)) void m[kind](text);
  }
}

/** AppProviders registers how to mount the message host; returns the unregister function. */
export function onMessageHostRequested(request: () => void): () => void {
  requestHost = request;
  if (queue.length) request();
  return () => {
    if (requestHost === request) requestHost = null;
  };
}

function show(kind: Kind, text: string): void {
  if (instance) {
    void instance[kind](text);
    return;
  }
  queue.push([kind, text]);
  requestHost?.();
}

export const notify = {
  success: (text: string) => show('success', text),
  info: (text: string) => show('info', text),
  warning: (text: string) => show('warning', text),
  error: (error: unknown) => show('error', errorMessage(error)),
};
