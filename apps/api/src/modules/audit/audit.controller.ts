import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../../common/auth/decorators';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { AuditService } from './audit.service';
import { ApiAnswer } from '../../openapi/api-answer';

class AuditQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'attendance' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('county_admin')
  @ApiOperation({ summary: '审计日志（县文明办）' })
  @ApiAnswer('AuditEntryDto', { page: true })
  list(@Query() q: AuditQueryDto) {
    return this.audit.list(q);
  }
}
