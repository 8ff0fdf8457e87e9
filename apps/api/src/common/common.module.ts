import { Global, Module } from '@nestjs/common';
import { ScopeRepository } from './auth/scope.repository';
import { ScopeService } from './auth/scope.service';

@Global()
@Module({ providers: [ScopeRepository, ScopeService], exports: [ScopeService] })
export class CommonModule {}
