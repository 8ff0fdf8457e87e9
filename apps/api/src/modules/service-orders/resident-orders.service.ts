import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate, type CreateServiceOrderResponse, type ServiceOrderTrackingDto } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { CreateServiceOrderDto, RateOrderDto } from './dto/service-order.dto';
import { orderStateConflict } from './service-order-state';
import { toTrackingDto } from './service-orders.mapper';
import { ServiceOrdersRepository } from './service-orders.repository';

/** The resident's side of 群众点单 (no login): order, track by token, rate once. */
@Injectable()
export class ResidentOrdersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: ServiceOrdersRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateServiceOrderDto): Promise<CreateServiceOrderResponse> {
    if (dto.preferredDate < shanghaiDate(new Date())) {
      throw AppError.validation([{ field: 'preferredDate', message: '希望服务日期不能早于今天' }]);
    }
    return inTransaction(this.db, async (em) => {
      const site = await this.repo.findSiteLevel(em, dto.siteId);
      if (!site) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
      if (site.level !== 'station') throw AppError.validation([{ field: 'siteId', message: '请在实践站的服务菜单中点单' }]);
      const item = await this.repo.findMenuItemForOrder(em, dto.menuItemId);
      if (!item) throw AppError.validation([{ field: 'menuItemId', message: '所选服务项目不存在' }]);
      if (!item.active) throw AppError.conflict('MENU_ITEM_UNAVAILABLE', `服务项目“${item.title}”已下架，请选择其他项目`);
      if (item.site_id !== null && item.site_id !== dto.siteId) {
        throw AppError.conflict('MENU_ITEM_UNAVAILABLE', `服务项目“${item.title}”不在该站点的服务菜单中`);
      }
      const token = randomBytes(24).toString('base64url'); // 192 bits, url-safe
      const row = await this.repo.insertOrder(em, {
        menuItemId: dto.menuItemId,
        siteId: dto.siteId,
        requesterName: dto.requesterName.trim(),
        requesterPhone: dto.requesterPhone,
        address: dto.address.trim(),
        preferredDate: dto.preferredDate,
        note: dto.note ?? '',
        trackingToken: token,
      });
      await this.audit.record(em, {
        actorUserId: null,
        action: 'service_order.create',
        entity: 'service_order',
        entityId: row.id,
        after: { status: row.status, menuItemId: dto.menuItemId, siteId: dto.siteId, preferredDate: dto.preferredDate },
      });
      return { id: row.id, trackingToken: token, status: row.status };
    });
  }

  async track(token: string, em: EntityManager = this.db.manager): Promise<ServiceOrderTrackingDto> {
    const row = await this.repo.findOrderByToken(em, token);
    if (!row) throw AppError.notFound('点单');
    return toTrackingDto(row);
  }

  async rate(token: string, dto: RateOrderDto): Promise<ServiceOrderTrackingDto> {
    return inTransaction(this.db, async (em) => {
      const updated = await this.repo.rateCompletedOrder(em, token, dto.stars, dto.comment?.trim() || null);
      if (!updated.length) {
        const cur = await this.repo.findStatusByToken(em, token);
        if (!cur) throw AppError.notFound('点单');
        throw orderStateConflict(cur.status, 'rate');
      }
      await this.audit.record(em, {
        actorUserId: null,
        action: 'service_order.rate',
        entity: 'service_order',
        entityId: updated[0].id,
        before: { status: 'completed' },
        after: { status: 'rated', rating: dto.stars, comment: dto.comment ?? null },
      });
      return this.track(token, em);
    });
  }
}
