import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { GoodsService } from './goods.service';
import { PointsAccountService } from './points-account.service';
import { PointsShopController } from './points-shop.controller';
import { RedemptionsService } from './redemptions.service';

@Module({
  imports: [AttendanceModule],
  controllers: [PointsShopController],
  providers: [GoodsService, RedemptionsService, PointsAccountService],
  exports: [RedemptionsService],
})
export class PointsShopModule {}
