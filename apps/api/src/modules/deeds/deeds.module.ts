import { Module } from '@nestjs/common';
import { PointsShopModule } from '../points-shop/points-shop.module';
import { DeedsController } from './deeds.controller';
import { DeedsRepository } from './deeds.repository';
import { DeedsService } from './deeds.service';

@Module({ imports: [PointsShopModule], controllers: [DeedsController], providers: [DeedsRepository, DeedsService] })
export class DeedsModule {}
