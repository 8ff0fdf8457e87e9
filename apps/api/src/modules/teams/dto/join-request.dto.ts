import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  JOIN_REQUEST_STATUSES,
  PHONE_PATTERN,
  TEAM_TYPES,
  type AddMemberByPhoneRequest,
  type CreateJoinRequestRequest,
  type JoinRequestStatus,
  type TeamType,
} from '@wenming/shared';
import { PaginationQueryDto } from '../../../common/dto/pagination.dto';
import { OptionalUuid, OptionalOneOf } from '../../../common/dto/fields';

export class TeamDirectoryQueryDto extends PaginationQueryDto {
  @OptionalOneOf(TEAM_TYPES)
  type?: TeamType;

  @OptionalUuid()
  siteId?: string;

  @ApiPropertyOptional({ description: '队伍名称关键字' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '关键字最多 50 个字' })
  q?: string;
}

export class CreateJoinRequestDto implements CreateJoinRequestRequest {
  @ApiPropertyOptional({ maxLength: 200, description: '给队长的留言（可选）' })
  @IsOptional()
  @IsString({ message: 'message 必须是文字' })
  @MaxLength(200, { message: '留言最多 200 个字' })
  message?: string;
}

export class JoinRequestQueryDto extends PaginationQueryDto {
  @OptionalOneOf(JOIN_REQUEST_STATUSES)
  status?: JoinRequestStatus;
}

export class AddMemberByPhoneDto implements AddMemberByPhoneRequest {
  @ApiProperty({ example: '13800000004', description: '志愿者的 11 位手机号（完整号码，不做模糊搜索）' })
  @IsString({ message: '请输入 11 位手机号' })
  @Matches(PHONE_PATTERN, { message: '请输入完整的 11 位手机号，例如 13800000004' })
  phone: string;
}
