import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__WM_TEST_DB__?.drop();
  if (process.env.WM_TEST_PHONE_DIR) rmSync(process.env.WM_TEST_PHONE_DIR, { recursive: true, force: true });
}
