import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, In } from 'typeorm';
import type { LoginResponse, MeResponse, RegisterPendingResponse } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashPassword, verifyPassword } from '../../common/crypto/password';
import { assertPasswordPolicy } from '../../common/crypto/password-policy';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { TeamEntity } from '../teams/team.entity';
import { toTeamDto } from '../teams/teams.mapper';
import { UserEntity } from '../users/user.entity';
import { toUserDto } from '../users/users.mapper';
import { UsersService } from '../users/users.service';
import { teamNames } from '../teams/teams.repository';
import { volunteerNames } from '../volunteers/volunteers.repository';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { toVolunteerDto } from '../volunteers/volunteers.mapper';
import { VolunteersService } from '../volunteers/volunteers.service';
import { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto';
import { AuthRepository } from './auth.repository';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationClaimsRepository } from './registration-claims.repository';
import { VerificationService } from './verification.service';

// a fixed argon2id hash, verified when the phone is unknown so timing does not reveal which phones exist
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$u4axqOnUwYn+UhXvylKSYA$NSsHYzTRIgUUY24SdCcOzADT3s5ojJDEdGSAmGElE48';

/** Pending claims allowed per phone at once (more would let anyone flood the staff's queue for one person). */
const MAX_PENDING_CLAIMS = 3;

export const PENDING_MESSAGE = '该手机号已登记为志愿者，请等待站点管理员确认';

export type RegisterResult = { status: 201; body: LoginResponse } | { status: 202; body: RegisterPendingResponse };

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly repo: AuthRepository,
    private readonly claims: RegistrationClaimsRepository,
    private readonly users: UsersService,
    private readonly volunteers: VolunteersService,
    private readonly throttle: LoginThrottleService,
    private readonly verification: VerificationService,
    private readonly audit: AuditService,
  ) {}

  /** A token carries the login's token_version: bumping it ends every earlier session. */
  private async issue(user: UserEntity): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, ver: user.tokenVersion });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, user: toUserDto(user, (await this.users.names(this.db, [user.id])).get(user.id)) };
  }

  async login(dto: LoginDto): Promise<LoginResponse> {
    await this.throttle.begin(dto.phone);
    const user = await this.db.getRepository(UserEntity).findOneBy({ phone: dto.phone });
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!user || !ok) throw new AppError(401, 'INVALID_CREDENTIALS');
    await this.throttle.succeeded(dto.phone);
    if (user.disabledAt) throw AppError.forbidden('该账号已停用，请联系县文明办或站点管理员', 'ACCOUNT_DISABLED');
    return this.issue(user);
  }

  /**
   * Self-registration. The phone is proven by a one-time code when a delivery provider is configured; without one,
   * a phone that belongs to an existing volunteer record (created by staff, no login) becomes a pending claim for a
   * site admin to approve (202, nothing of the record is revealed), and a new phone registers unverified.
   */
  async register(dto: RegisterDto): Promise<RegisterResult> {
    assertPasswordPolicy(dto.password, dto.phone);
    const proven = this.verification.enabled;
    if (proven) await this.verification.check(dto.phone, dto.code);
    const passwordHash = await hashPassword(dto.password);
    const result = await inTransaction(this.db, async (em): Promise<{ user: UserEntity } | { pending: true }> => {
      if (!(await this.repo.siteExists(em, dto.siteId))) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
      if (await this.users.isPhoneTaken(em, dto.phone)) throw AppError.conflict('PHONE_TAKEN', '该手机号已注册，请直接登录');
      if (proven) await this.verification.consume(em, dto.phone, dto.code!);
      const existing = await em.findOneBy(VolunteerEntity, { phone: dto.phone });
      if (existing) {
        if (await this.users.hasLogin(em, existing.id)) throw AppError.conflict('PHONE_TAKEN', '该手机号已注册，请直接登录');
      }
      if (existing && !proven) {
        if ((await this.claims.countPending(em, dto.phone)) >= MAX_PENDING_CLAIMS)
          throw new AppError(429, 'TOO_MANY_REQUESTS', '该手机号的注册申请已在等待站点管理员确认，请勿重复提交');
        await this.claims.insert(em, { volunteerId: existing.id, phone: dto.phone, name: dto.name.trim(), siteId: dto.siteId, passwordHash });
        return { pending: true };
      }
      // proven phone of an existing record: the record is the registrant's; otherwise a new volunteer
      const volunteer = existing ?? (await this.volunteers.insert(em, { name: dto.name, phone: dto.phone, siteId: dto.siteId }));
      try {
        const user = await em.save(
          em.create(UserEntity, {
            phone: dto.phone,
            passwordHash,
            role: 'volunteer',
            volunteerId: volunteer.id,
            phoneVerifiedAt: proven ? new Date() : null,
          }),
        );
        return { user };
      } catch (err) {
        VolunteersService.translate(err);
      }
    });
    if ('pending' in result) return { status: 202, body: { status: 'pending_approval', message: PENDING_MESSAGE } };
    return { status: 201, body: await this.issue(result.user) };
  }

  sendCode(phone: string) {
    return this.verification.send(phone);
  }

  /** Ends every session of the caller (all devices). */
  async logout(auth: AuthUser): Promise<void> {
    await this.users.endSessions(auth.id);
  }

  /** The caller's own password; earlier tokens stop working, the answer carries a fresh one. */
  async changePassword(auth: AuthUser, dto: ChangePasswordDto): Promise<LoginResponse> {
    // a stolen token must not be a way around the login limit: wrong current passwords count the same
    await this.throttle.begin(auth.phone);
    const current = await this.db.getRepository(UserEntity).findOneByOrFail({ id: auth.id });
    if (!(await verifyPassword(current.passwordHash, dto.currentPassword))) {
      throw AppError.validation([{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    await this.throttle.succeeded(auth.phone);
    assertPasswordPolicy(dto.newPassword, current.phone, 'newPassword');
    if (dto.newPassword === dto.currentPassword) throw AppError.validation([{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const passwordHash = await hashPassword(dto.newPassword);
    const user = await inTransaction(this.db, async (em) => {
      const u = await em.findOneOrFail(UserEntity, { where: { id: auth.id }, lock: { mode: 'pessimistic_write' } });
      u.passwordHash = passwordHash;
      u.tokenVersion += 1;
      const saved = await em.save(u);
      await this.audit.record(em, { actorUserId: auth.id, action: 'user.password', entity: 'user', entityId: auth.id, after: { self: true } });
      return saved;
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
      const ms = await this.repo.membershipsOf(user.volunteerId);
      if (ms.length) {
        const rows = await this.db.getRepository(TeamEntity).findBy({ id: In(ms.map((m) => m.team_id)) });
        const roleOf = new Map(ms.map((m) => [m.team_id, m.role]));
        const names = await teamNames(
          this.db,
          rows.map((t) => t.id),
        );
        teams = rows.sort((a, b) => a.name.localeCompare(b.name, 'zh')).map((t) => ({ ...toTeamDto(t, names.get(t.id)), membershipRole: roleOf.get(t.id)! }));
      }
    }
    return {
      user: toUserDto(user, (await this.users.names(this.db, [user.id])).get(user.id)),
      volunteer,
      teamsLed: teams.filter((t) => t.membershipRole === 'leader').map(({ membershipRole: _r, ...t }) => t),
      teams,
    };
  }
}
