import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest, RegisterRequest } from '@wenming/shared';
import { PHONE_MESSAGE } from '../../../common/dto/pagination.dto';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: '13800000001' })
  @Matches(/^1[3-9]\d{9}$/, { message: PHONE_MESSAGE })
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
  @MaxLength(50, { message: '姓名最多 50 个字' })
  name: string;

  @ApiProperty({ example: '13912345678' })
  @Matches(/^1[3-9]\d{9}$/, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(72, { message: '密码最多 72 位' })
  password: string;

  @ApiProperty({ format: 'uuid', description: '所属实践站' })
  @IsUUID('all', { message: '请选择所属站点（siteId）' })
  siteId: string;
}
