import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SendCodeResponse } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthRepository } from './auth.repository';
import { VERIFICATION_CODE_SENDER, type VerificationCodeSender } from './verification-code-sender';

export const CODE_TTL_SECONDS = 300;
export const RESEND_AFTER_SECONDS = 60;
export const MAX_CODE_ATTEMPTS = 5;

/** One-time registration codes: 6 digits, 5 minutes, 5 tries, one per phone a minute; stored as an HMAC. */
@Injectable()
export class VerificationService {
  constructor(
    private readonly repo: AuthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(VERIFICATION_CODE_SENDER) private readonly sender: VerificationCodeSender | null,
  ) {}

  /** True when a delivery provider is configured (then registration requires a code). */
  get enabled(): boolean {
    return !!this.sender;
  }

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.config.dataKey).update(`register:${phone}:${code}`).digest('hex');
  }

  async send(phone: string): Promise<SendCodeResponse> {
    if (!this.sender) throw AppError.conflict('SMS_UNAVAILABLE', '暂未开通短信验证码，请直接注册（已登记的手机号需等待站点管理员确认）');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // one code per phone a minute: the upsert only replaces a code sent more than RESEND_AFTER_SECONDS ago
    const stored = await this.repo.storeCode(phone, this.hash(phone, code), CODE_TTL_SECONDS, RESEND_AFTER_SECONDS);
    if (!stored) throw new AppError(429, 'TOO_MANY_REQUESTS', `验证码已发送，请 ${RESEND_AFTER_SECONDS} 秒后再重新获取`);
    try {
      await this.sender.send(phone, code, 'register');
    } catch {
      await this.repo.deleteCode(phone);
      throw new AppError(503, 'SMS_UNAVAILABLE', '短信发送失败，请稍后再试');
    }
    return { expiresIn: CODE_TTL_SECONDS, resendAfter: RESEND_AFTER_SECONDS };
  }

  /**
   * Checks a code (outside any transaction, so a wrong try is counted even though the request fails).
   * Throws 400 when missing, wrong, expired or tried too often.
   */
  async check(phone: string, code: string | undefined): Promise<void> {
    if (!code) throw AppError.badRequest('VERIFICATION_CODE_REQUIRED', '请先获取并填写短信验证码');
    const want = await this.repo.tryCode(phone, MAX_CODE_ATTEMPTS);
    const got = this.hash(phone, code);
    if (!want || !timingSafeEqual(Buffer.from(want), Buffer.from(got))) {
      throw new AppError(400, 'INVALID_VERIFICATION_CODE', '验证码不正确或已过期，请重新获取', [{ field: 'code', message: '验证码不正确或已过期' }]);
    }
  }

  /** Uses the code up inside the registration's transaction (a second use of the same code fails). */
  async consume(em: EntityManager, phone: string, code: string): Promise<void> {
    if (!(await this.repo.consumeCode(em, phone, this.hash(phone, code)))) throw new AppError(400, 'INVALID_VERIFICATION_CODE', '验证码已使用或已过期，请重新获取');
  }
}
