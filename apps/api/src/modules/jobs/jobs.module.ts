import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { PointsShopModule } from '../points-shop/points-shop.module';
import { JobsController } from './jobs.controller';
import { JobsScheduler } from './jobs.scheduler';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

@Module({
  imports: [ScheduleModule.forRoot(), PointsShopModule],
  controllers: [JobsController],
  providers: [JobsRepository, JobsService, JobsScheduler],
  exports: [JobsService],
})
export class JobsModule {}
