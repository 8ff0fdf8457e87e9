export default async function globalTeardown(): Promise<void> {
  await globalThis.__WM_TEST_DB__?.drop();
}
