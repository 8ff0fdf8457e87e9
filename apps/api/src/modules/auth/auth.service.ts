import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, In } from 'typeorm';
import type { LoginResponse, MeResponse } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashPassword, verifyPassword } from '../../common/crypto/password';
import { AppError } from '../../common/errors/app-error';
import { TeamEntity } from '../teams/team.entity';
import { toTeamDto } from '../teams/teams.mapper';
import { UserEntity } from '../users/user.entity';
import { toUserDto } from '../users/users.mapper';
import { userNames } from '../users/users.repository';
import { teamNames } from '../teams/teams.repository';
import { volunteerNames } from '../volunteers/volunteers.repository';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { toVolunteerDto } from '../volunteers/volunteers.mapper';
import { VolunteersService } from '../volunteers/volunteers.service';
import { LoginDto, RegisterDto } from './dto/auth.dto';

// a fixed argon2id hash, verified when the phone is unknown so timing does not reveal which phones exist
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$u4axqOnUwYn+UhXvylKSYA$NSsHYzTRIgUUY24SdCcOzADT3s5ojJDEdGSAmGElE48';

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly volunteers: VolunteersService,
  ) {}

  private async issue(user: UserEntity): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, user: toUserDto(user, (await userNames(this.db, [user.id])).get(user.id)) };
  }

  async login(dto: LoginDto): Promise<LoginResponse> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ phone: dto.phone });
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok) throw new AppError(401, 'INVALID_CREDENTIALS');
    return this.issue(user);
  }

  async register(dto: RegisterDto): Promise<LoginResponse> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.db.transaction(async (em) => {
      const site = await em.query(`SELECT level FROM sites WHERE id = $1`, [dto.siteId]);
      if (!site.length) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
      const taken = await em.query(`SELECT 1 FROM users WHERE phone = $1`, [dto.phone]);
      if (taken.length) throw AppError.conflict('PHONE_TAKEN', '该手机号已注册，请直接登录');
      // a volunteer registered earlier by a leader or an import (same phone, no login) claims that record
      let volunteer = await em.findOneBy(VolunteerEntity, { phone: dto.phone });
      if (!volunteer) volunteer = await this.volunteers.insert(em, { name: dto.name, phone: dto.phone, siteId: dto.siteId });
      try {
        return await em.save(em.create(UserEntity, { phone: dto.phone, passwordHash, role: 'volunteer', volunteerId: volunteer.id }));
      } catch (err) {
        VolunteersService.translate(err);
      }
    });
    return this.issue(user);
  }

  async me(auth: AuthUser): Promise<MeResponse> {
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: auth.id });
    let volunteer = null;
    let teams: MeResponse['teams'] = [];
    if (user.volunteerId) {
      const v = await this.db.getRepository(VolunteerEntity).findOneBy({ id: user.volunteerId });
      volunteer = v ? toVolunteerDto(v, (await volunteerNames(this.db, [v.id])).get(v.id)) : null;
      const ms: Array<{ team_id: string; role: 'leader' | 'member' }> = await this.db.query(
        `SELECT team_id, role FROM team_memberships WHERE volunteer_id = $1`,
        [user.volunteerId],
      );
      if (ms.length) {
        const rows = await this.db.getRepository(TeamEntity).findBy({ id: In(ms.map((m) => m.team_id)) });
        const roleOf = new Map(ms.map((m) => [m.team_id, m.role]));
        const names = await teamNames(this.db, rows.map((t) => t.id));
        teams = rows
          .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
          .map((t) => ({ ...toTeamDto(t, names.get(t.id)), membershipRole: roleOf.get(t.id)! }));
      }
    }
    return {
      user: toUserDto(user, (await userNames(this.db, [user.id])).get(user.id)),
      volunteer,
      teamsLed: teams.filter((t) => t.membershipRole === 'leader').map(({ membershipRole: _r, ...t }) => t),
      teams,
    };
  }
}
