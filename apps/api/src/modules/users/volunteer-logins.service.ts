import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VolunteerLoginsRepository } from './volunteer-logins.repository';

/**
 * What the volunteers module may change on `users` (issue 16: it never writes the table itself): a volunteer's
 * login phone follows the profile phone. A unique violation (`uq_users_phone`) is left to the caller to translate.
 */
@Injectable()
export class VolunteerLoginsService {
  constructor(private readonly repo: VolunteerLoginsRepository) {}

  followProfilePhone(em: EntityManager, volunteerId: string, phone: string): Promise<void> {
    return this.repo.updatePhoneOfVolunteer(em, volunteerId, phone);
  }
}
