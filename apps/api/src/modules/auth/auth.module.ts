import { Module } from '@nestjs/common';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({ imports: [VolunteersModule], controllers: [AuthController], providers: [AuthService] })
export class AuthModule {}
