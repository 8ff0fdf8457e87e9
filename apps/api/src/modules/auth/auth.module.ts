import { forwardRef, Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationClaimsController } from './registration-claims.controller';
import { RegistrationClaimsRepository } from './registration-claims.repository';
import { RegistrationClaimsService } from './registration-claims.service';
import { VERIFICATION_CODE_SENDER } from './verification-code-sender';
import { VerificationService } from './verification.service';

@Module({
  // users ↔ auth: logins are the users module's table; a password reset there clears the login lock here
  imports: [VolunteersModule, forwardRef(() => UsersModule)],
  controllers: [AuthController, RegistrationClaimsController],
  providers: [
    AuthRepository,
    RegistrationClaimsRepository,
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
