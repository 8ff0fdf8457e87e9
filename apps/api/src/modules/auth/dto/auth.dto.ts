import { PERSON_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PHONE_PATTERN, type ChangePasswordRequest, type DeclineClaimRequest, type LoginRequest, type RegisterRequest, type SendCodeRequest } from '@wenming/shared';
import { PHONE_MESSAGE } from '../../../common/dto/pagination.dto';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: '13800000001' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString()
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password: string;
}

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: '李红' })
  @IsString()
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(PERSON_NAME_MAX, { message: `姓名最多 ${PERSON_NAME_MAX} 个字` })
  name: string;

  @ApiProperty({ example: '13912345678' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ minLength: 8, description: '至少 8 位，须含字母和数字，不能是手机号或常见密码' })
  @IsString()
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password: string;

  @ApiProperty({ format: 'uuid', description: '所属实践站' })
  @IsUUID('all', { message: '请选择所属站点（siteId）' })
  siteId: string;

  @ApiPropertyOptional({ description: '短信验证码（开通短信后必填，见 POST /auth/register/code）', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '验证码是 6 位数字' })
  code?: string;
}

export class SendCodeDto implements SendCodeRequest {
  @ApiProperty({ example: '13912345678' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请输入当前密码' })
  @MaxLength(72, { message: '密码最多 72 位' })
  currentPassword: string;

  @ApiProperty({ minLength: 8, description: '至少 8 位，须含字母和数字，不能是手机号或常见密码' })
  @IsString()
  @MinLength(8, { message: '新密码至少 8 位' })
  @MaxLength(72, { message: '新密码最多 72 位' })
  newPassword: string;
}

export class DeclineClaimDto implements DeclineClaimRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '原因最多 200 个字' })
  reason?: string;
}
