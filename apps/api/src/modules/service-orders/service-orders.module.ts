import { Module } from '@nestjs/common';
import { OrderStatsController } from './order-stats.controller';
import { ServiceOrdersController } from './service-orders.controller';
import { ServiceOrdersService } from './service-orders.service';

@Module({ controllers: [ServiceOrdersController, OrderStatsController], providers: [ServiceOrdersService], exports: [ServiceOrdersService] })
export class ServiceOrdersModule {}
