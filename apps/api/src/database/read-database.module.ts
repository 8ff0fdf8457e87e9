import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/**
 * READ_DB: the DataSource statistics and exports read from. With DATABASE_READ_URL a second pool on a PostgreSQL
 * streaming replica (read-only; what it shows lags the primary by the replication delay, normally well under a
 * second — docs/operations.md); without it the primary DataSource itself.
 */
export const READ_DB = Symbol('READ_DB');

@Global()
@Module({})
export class ReadDatabaseModule {
  static forRoot(readUrl: string | undefined): DynamicModule {
    if (!readUrl) {
      return { module: ReadDatabaseModule, providers: [{ provide: READ_DB, useExisting: DataSource }], exports: [READ_DB] };
    }
    return {
      module: ReadDatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(readUrl), name: 'read' })],
      providers: [{ provide: READ_DB, useExisting: getDataSourceToken('read') }],
      exports: [READ_DB],
    };
  }
}
