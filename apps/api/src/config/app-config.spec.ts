import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';
import { weakJwtSecretReason } from './jwt-secret';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'wm-cfg-'));

  it('defaults: port 3000, embedded database with demo seed, generated secrets kept in DATA_DIR', () => {
    const d = dir();
    const a = loadConfig({ DATA_DIR: d });
    expect(a).toMatchObject({ port: 3000, embedded: true, seedDemo: true, seedPassword: 'Demo@2026', starThresholdsHours: [100, 300, 600, 1000, 1500] });
    const b = loadConfig({ DATA_DIR: d });
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(b.dataKey.equals(a.dataKey)).toBe(true);
  });

  it('DATABASE_URL switches to PostgreSQL and turns the demo seed off by default', () => {
    const c = loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'postgresql://u@localhost/db' });
    expect(c).toMatchObject({ embedded: false, seedDemo: false });
    expect(loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'postgresql://u@localhost/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_SECRET', { JWT_SECRET: 'change-me-change-me-change-me' }],
    ['STAR_THRESHOLDS_HOURS', { STAR_THRESHOLDS_HOURS: '1,2' }],
    ['ADMIN_PHONE', { ADMIN_PHONE: '123', ADMIN_PASSWORD: 'longenough' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['OFFLINE_GRACE_HOURS', { OFFLINE_GRACE_HOURS: '1.5' }],
    ['OFFLINE_GRACE_HOURS', { OFFLINE_GRACE_HOURS: '0' }],
    ['OFFLINE_GRACE_HOURS', { OFFLINE_GRACE_HOURS: 'a day' }],
  ])('a bad %s stops with a message naming it', (name, env) => {
    expect(() => loadConfig({ DATA_DIR: dir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir(), ...env })).toThrow(name);
  });

  it('DB_PREPARED_STATEMENTS: on for PostgreSQL unless false; never on the embedded database, where true is refused', () => {
    const pg = { DATA_DIR: dir(), DATABASE_URL: 'postgresql://u@localhost/db' };
    expect(loadConfig(pg).dbPreparedStatements).toBe(true);
    expect(loadConfig({ ...pg, DB_PREPARED_STATEMENTS: 'false' }).dbPreparedStatements).toBe(false);
    expect(loadConfig({ DATA_DIR: dir() }).dbPreparedStatements).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dir(), DB_PREPARED_STATEMENTS: 'true' })).toThrow('DB_PREPARED_STATEMENTS');
    expect(() => loadConfig({ ...pg, DB_PREPARED_STATEMENTS: 'yes please' })).toThrow('DB_PREPARED_STATEMENTS');
  });

  it('OFFLINE_GRACE_HOURS: 24 by default, a whole number of hours when set', () => {
    expect(loadConfig({ DATA_DIR: dir() }).offlineGraceHours).toBe(24);
    expect(loadConfig({ DATA_DIR: dir(), OFFLINE_GRACE_HOURS: '48' }).offlineGraceHours).toBe(48);
  });

  it.each([
    ['the old compose default', 'change-me-change-me-change-me'],
    ['a repeated word', 'test-secret-test-secret-test-secret'],
    ['a short one', 'Xk3#pQ9!vL2@'],
    ['one character repeated', 'a'.repeat(64)],
    ['a low-entropy alphabet', 'abababababcdcdcdcdcdabababababcdcdcdcd'],
  ])('refuses to start with %s as JWT_SECRET', (_what, secret) => {
    expect(() => loadConfig({ DATA_DIR: dir(), JWT_SECRET: secret })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir(), JWT_SECRET: secret })).toThrow('JWT_SECRET');
  });

  it('ADMIN_PASSWORD follows the password policy', () => {
    expect(() => loadConfig({ DATA_DIR: dir(), ADMIN_PHONE: '13900000001', ADMIN_PASSWORD: '12345678' })).toThrow('ADMIN_PASSWORD');
    expect(() => loadConfig({ DATA_DIR: dir(), ADMIN_PHONE: '13900000001', ADMIN_PASSWORD: 'x13900000001' })).toThrow('ADMIN_PASSWORD');
    expect(loadConfig({ DATA_DIR: dir(), ADMIN_PHONE: '13900000001', ADMIN_PASSWORD: 'County2026first' }).adminPassword).toBe('County2026first');
  });

  it('accepts a random JWT_SECRET (hex or base64) and the secret it generates itself', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig({ DATA_DIR: dir(), JWT_SECRET: hex }).jwtSecret).toBe(hex);
    const b64 = randomBytes(32).toString('base64');
    expect(loadConfig({ DATA_DIR: dir(), JWT_SECRET: b64 }).jwtSecret).toBe(b64);
    const generated = loadConfig({ DATA_DIR: dir() }).jwtSecret;
    expect(weakJwtSecretReason(generated)).toBeNull();
  });
});
