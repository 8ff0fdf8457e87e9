import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PHONE_PATTERN, ROLES, type CreateUserRequest, type Role, type UpdateUserRequest } from '@wenming/shared';
import { PaginationQueryDto, PHONE_MESSAGE } from '../../../common/dto/pagination.dto';
import { OptionalOneOf } from '../../../common/dto/fields';

const STAFF_ROLES = ['county_admin', 'site_admin'] as const;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: '13900000010' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: 'role 只能是 county_admin 或 site_admin（志愿者请自行注册）' })
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'site_admin 必填：所管理的实践所/站' })
  @ValidateIf((o) => o.role === 'site_admin' || o.siteId !== undefined)
  @IsUUID('all', { message: '站点管理员必须指定 siteId' })
  siteId?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ minLength: 8 })
  @IsOptional()
  @IsString()
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password?: string;

  @OptionalOneOf(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'siteId 不是有效的编号' })
  siteId?: string | null;

  @ApiPropertyOptional({ description: 'true 停用该账号（已签发的登录凭证立即失效），false 重新启用' })
  @IsOptional()
  @IsBoolean({ message: 'disabled 只能是 true 或 false' })
  disabled?: boolean;
}

export class UserQueryDto extends PaginationQueryDto {
  @OptionalOneOf(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(11)
  q?: string;
}
