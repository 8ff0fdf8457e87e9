import { Module } from '@nestjs/common';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationClaimsController } from './registration-claims.controller';
import { RegistrationClaimsService } from './registration-claims.service';
import { VERIFICATION_CODE_SENDER } from './verification-code-sender';
import { VerificationService } from './verification.service';

@Module({
  imports: [VolunteersModule],
  controllers: [AuthController, RegistrationClaimsController],
  providers: [
    AuthService,
    LoginThrottleService,
    VerificationService,
    RegistrationClaimsService,
    // no SMS provider is configured yet: registration of a known phone waits for staff approval
    { provide: VERIFICATION_CODE_SENDER, useFactory: () => null },
  ],
  exports: [LoginThrottleService],
})
export class AuthModule {}
