/**
 * Refuses JWT secrets that let anyone forge a token: the defaults published in this repository and its docs, and
 * low-entropy strings (short, few distinct characters, repeated words). The secret generated into DATA_DIR on an
 * embedded install is 32 random bytes and is not checked here.
 */
export const KNOWN_DEFAULT_SECRETS = [
  'change-me-change-me-change-me',
  'changeme',
  'change-me',
  'secret',
  'jwt-secret',
  'jwt_secret',
  'your-secret',
  'your-secret-key',
  'your_jwt_secret',
  'supersecret',
  'test-secret-test-secret-test-secret',
  'bench-secret-bench-secret-bench-secret',
  'wenming',
  'wenming-secret',
];

/** Shannon entropy of the string's own character distribution, in bits for the whole string. */
export function estimatedEntropyBits(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h * n;
}

/** Why the secret is refused, or null when it is acceptable. */
export function weakJwtSecretReason(secret: string): string | null {
  const lower = secret.toLowerCase();
  if (KNOWN_DEFAULT_SECRETS.includes(lower) || /change-?me|example|placeholder/.test(lower)) {
    return 'is a known default; generate one with `openssl rand -hex 32`';
  }
  if (secret.length < 32) return 'must be at least 32 characters; generate one with `openssl rand -hex 32`';
  const distinct = new Set(secret).size;
  // a repeated unit ("abcabcabc…", "test-secret-test-secret-…") or a short alphabet is guessable
  if (/^(.{1,16}?)\1+.{0,16}$/s.test(secret) || distinct < 10 || estimatedEntropyBits(secret) < 100) {
    return 'has too little entropy (repeated or predictable characters); generate one with `openssl rand -hex 32`';
  }
  return null;
}
