import { Module } from '@nestjs/common';
import { MenuItemsController } from './menu-items.controller';
import { MenuItemsService } from './menu-items.service';
import { MenuItemsRepository } from './menu-items.repository';

@Module({ controllers: [MenuItemsController], providers: [MenuItemsRepository, MenuItemsService], exports: [MenuItemsService] })
export class MenuItemsModule {}
