import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The SQL of volunteer-owned logins that the volunteers module asks for (volunteer-logins.service.ts). */
@Injectable()
export class VolunteerLoginsRepository {
  async updatePhoneOfVolunteer(em: EntityManager, volunteerId: string, phone: string): Promise<void> {
    await em.query(`UPDATE users SET phone = $1 WHERE volunteer_id = $2`, [phone, volunteerId]);
  }
}
