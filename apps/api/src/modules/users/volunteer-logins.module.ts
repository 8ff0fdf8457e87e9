import { Module } from '@nestjs/common';
import { VolunteerLoginsRepository } from './volunteer-logins.repository';
import { VolunteerLoginsService } from './volunteer-logins.service';

/**
 * The users module's side of volunteer profiles, as a module of its own with no imports: UsersModule imports
 * AuthModule, which imports VolunteersModule, so VolunteersModule cannot import UsersModule itself.
 */
@Module({ providers: [VolunteerLoginsService, VolunteerLoginsRepository], exports: [VolunteerLoginsService] })
export class VolunteerLoginsModule {}
