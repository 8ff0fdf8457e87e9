import { Global, Module } from '@nestjs/common';
import { ScopeService } from './auth/scope.service';

@Global()
@Module({ providers: [ScopeService], exports: [ScopeService] })
export class CommonModule {}
