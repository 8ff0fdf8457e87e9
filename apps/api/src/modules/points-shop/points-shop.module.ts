import { Module } from '@nestjs/common';
import { GoodsRepository } from './goods.repository';
import { GoodsService } from './goods.service';
import { PointsAccountService } from './points-account.service';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';
import { PointsShopController } from './points-shop.controller';
import { RedemptionRecordsService } from './redemption-records.service';
import { RedemptionsRepository } from './redemptions.repository';
import { RedemptionsService } from './redemptions.service';

/**
 * 积分超市 and the points ledger. PointsLedgerService is the one writer of points_ledger: attendance, deeds and
 * manual records import this module and call it inside their transaction.
 */
@Module({
  controllers: [PointsShopController],
  providers: [
    GoodsRepository,
    GoodsService,
    RedemptionsRepository,
    RedemptionsService,
    RedemptionRecordsService,
    PointsLedgerRepository,
    PointsLedgerService,
    PointsAccountService,
  ],
  exports: [RedemptionsService, PointsLedgerService],
})
export class PointsShopModule {}
