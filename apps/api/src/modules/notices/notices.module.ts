import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NoticesRepository } from './notices.repository';

/** Global: the services that cause notices (sign-ups, activities, attendance, orders, redemptions) write them. */
@Global()
@Module({ controllers: [NoticesController], providers: [NoticesRepository, NoticesService], exports: [NoticesService] })
export class NoticesModule {}
