import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { OrderStatsController } from './order-stats.controller';
import { OrderStatsRepository } from './order-stats.repository';
import { OrderStatsService } from './order-stats.service';
import { OrderWorkflowService } from './order-workflow.service';
import { ResidentOrdersService } from './resident-orders.service';
import { ServiceOrdersController } from './service-orders.controller';
import { ServiceOrdersRepository } from './service-orders.repository';

@Module({
  imports: [ActivitiesModule],
  controllers: [ServiceOrdersController, OrderStatsController],
  providers: [ServiceOrdersRepository, OrderStatsRepository, ResidentOrdersService, OrderWorkflowService, OrderStatsService],
  exports: [ResidentOrdersService, OrderWorkflowService, OrderStatsService],
})
export class ServiceOrdersModule {}
