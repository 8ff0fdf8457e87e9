import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MembershipRole } from '@wenming/shared';

@Entity('team_memberships')
export class TeamMembershipEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Index('idx_team_memberships_volunteer')
  @PrimaryColumn({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'varchar', length: 10, default: 'member' })
  role: MembershipRole;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt: Date;
}
