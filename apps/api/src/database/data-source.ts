import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, extra: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: extra.poolSize ?? 10,
    logging: false,
  } as DataSourceOptions;
}

export function createDataSource(url: string, extra: { poolSize?: number } = {}): DataSource {
  return new DataSource(dataSourceOptions(url, extra));
}
