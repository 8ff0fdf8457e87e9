import { Global, Module } from '@nestjs/common';
import { HonoursController } from './honours.controller';
import { HonoursRepository } from './honours.repository';
import { HonoursService } from './honours.service';

/** Global: the volunteer record shows approved honours. */
@Global()
@Module({ controllers: [HonoursController], providers: [HonoursRepository, HonoursService], exports: [HonoursService] })
export class HonoursModule {}
