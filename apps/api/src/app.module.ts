import { createSecretKey } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DbThrottlerStorage } from './common/rate-limit/db-rate-limit';
import type { AppConfig } from './config/app-config';
import { OPS, type Ops } from './common/observability/ops';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { ReadDatabaseModule } from './database/read-database.module';
import { AuthGuard } from './common/auth/auth.guard';
import { StaffIdsInterceptor } from './common/auth/staff-ids.interceptor';
import { CommonModule } from './common/common.module';
import { ActivitiesModule } from './modules/activities/activities.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthController } from './modules/health/health.controller';
import { RegionsController } from './modules/regions/regions.controller';
import { SchedulesModule } from './modules/schedules/schedules.module';
import { SitesModule } from './modules/sites/sites.module';
import { TeamsModule } from './modules/teams/teams.module';
import { UsersModule } from './modules/users/users.module';
import { StatsModule } from './modules/stats/stats.module';
import { ExportsModule } from './modules/exports/exports.module';
import { VolunteersModule } from './modules/volunteers/volunteers.module';
import { MenuItemsModule } from './modules/menu-items/menu-items.module';
import { ServiceOrdersModule } from './modules/service-orders/service-orders.module';
import { NoticesModule } from './modules/notices/notices.module';
import { PointsShopModule } from './modules/points-shop/points-shop.module';
import { DeedsModule } from './modules/deeds/deeds.module';
import { HonoursModule } from './modules/honours/honours.module';
import { ReportsModule } from './modules/reports/reports.module';
import { JobsModule } from './modules/jobs/jobs.module';

/** Feature modules; later issues append theirs. */
const FEATURE_MODULES = [
  AuditModule,
  AuthModule,
  SitesModule,
  TeamsModule,
  UsersModule,
  VolunteersModule,
  ActivitiesModule,
  SchedulesModule,
  MenuItemsModule,
  ServiceOrdersModule,
  AttendanceModule,
  StatsModule,
  ExportsModule,
  NoticesModule,
  PointsShopModule,
  DeedsModule,
  HonoursModule,
  ReportsModule,
  JobsModule,
];

/** The operator's pieces (logger, metrics, database health) made in bootstrap, injectable everywhere as OPS. */
@Global()
@Module({})
class OpsModule {
  static forRoot(ops: Ops): DynamicModule {
    return { module: OpsModule, providers: [{ provide: OPS, useValue: ops }], exports: [OPS] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, ops: Ops): DynamicModule {
    return {
      module: AppModule,
      imports: [
        OpsModule.forRoot(ops),
        ConfigModule.forRoot(config),
        // PGlite is ONE session behind pglite-socket: with several pooled connections the socket interleaves their
        // extended-protocol messages (Parse/Bind/Execute of one connection between another's), which answers queries
        // with the wrong statement ("portal does not exist", empty rows) under concurrent requests. One pooled
        // connection serializes them in the driver; PostgreSQL keeps a real pool.
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, { poolSize: config.embedded ? 1 : undefined })),
        ReadDatabaseModule.forRoot(config.databaseReadUrl),
        // a KeyObject, not the string: jsonwebtoken otherwise tries createPublicKey(secret) on every verify and falls back
        // after the throw — 19 % of the API's CPU under the check-in load (issue 15); the same HS256 key either way
        JwtModule.register({ global: true, secret: createSecretKey(Buffer.from(config.jwtSecret)), signOptions: { expiresIn: config.jwtExpiresInSeconds } }),
        // counters in PostgreSQL (rate_limits), so the per-IP limits hold across API processes
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (db: DataSource) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: 60 }],
            skipIf: () => !config.rateLimitEnabled,
            storage: new DbThrottlerStorage(db),
          }),
        }),
        CommonModule,
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController, RegionsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // volunteers never receive the user id of whoever confirmed/recorded something (names only)
        { provide: APP_INTERCEPTOR, useClass: StaffIdsInterceptor },
      ],
    };
  }
}
