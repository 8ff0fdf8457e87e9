import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { RegistrationClaimStatus } from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';

const STATUSES = ['pending', 'approved', 'declined'] as const;

export class ClaimQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(STATUSES, { message: 'status 只能是 pending、approved 或 declined' })
  status?: RegistrationClaimStatus;
}
