import { Module } from '@nestjs/common';
import { StatsScopeResolver } from './stats-scope';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({ controllers: [StatsController], providers: [StatsService, StatsScopeResolver], exports: [StatsService, StatsScopeResolver] })
export class StatsModule {}
