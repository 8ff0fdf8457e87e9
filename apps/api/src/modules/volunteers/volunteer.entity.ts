import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender, PoliticalStatus } from '@wenming/shared';

@Entity('volunteers')
export class VolunteerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Index('uq_volunteers_phone', { unique: true })
  @Column({ type: 'varchar', length: 11, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gender: Gender | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'political_status', type: 'varchar', length: 30, nullable: true })
  politicalStatus: PoliticalStatus | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Index('idx_volunteers_site')
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  /** AES-256-GCM ciphertext (iv.tag.data, base64) of the ID number; never returned. */
  @Column({ name: 'id_number_enc', type: 'text', nullable: true })
  idNumberEnc: string | null;

  /** Masked form for display, e.g. 6205**********1234. */
  @Column({ name: 'id_number_masked', type: 'varchar', length: 20, nullable: true })
  idNumberMasked: string | null;

  /** HMAC-SHA256 of the ID number, to keep it unique without storing it in clear. */
  @Index('uq_volunteers_id_number_hash', { unique: true })
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  @Index('uq_volunteers_number', { unique: true })
  @Column({
    name: 'volunteer_number',
    type: 'varchar',
    length: 20,
    default: () => "('QS' || lpad(nextval('volunteer_number_seq')::text, 8, '0'))",
  })
  volunteerNumber: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
