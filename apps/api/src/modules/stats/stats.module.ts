import { Module } from '@nestjs/common';
import { StatsScopeResolver } from './stats-scope';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({ controllers: [StatsController], providers: [StatsService, StatsScopeResolver, StatsRepository], exports: [StatsService, StatsScopeResolver] })
export class StatsModule {}
