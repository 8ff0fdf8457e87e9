import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { VolunteerLoginsModule } from '../users/volunteer-logins.module';
import { VolunteerImportRepository } from './volunteer-import.repository';
import { VolunteerImportService } from './volunteer-import.service';
import { VolunteersController } from './volunteers.controller';
import { VolunteersRepository } from './volunteers.repository';
import { VolunteersService } from './volunteers.service';

@Module({
  imports: [TeamsModule, VolunteerLoginsModule],
  controllers: [VolunteersController],
  providers: [VolunteersRepository, VolunteerImportRepository, VolunteersService, VolunteerImportService],
  exports: [VolunteersService],
})
export class VolunteersModule {}
