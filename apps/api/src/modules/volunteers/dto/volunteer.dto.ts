import { PERSON_NAME_MAX } from '@wenming/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GENDERS, POLITICAL_STATUSES, type CreateVolunteerRequest, type Gender, type PoliticalStatus, type UpdateVolunteerRequest } from '@wenming/shared';
import { PHONE_PATTERN } from '@wenming/shared';
import { PaginationQueryDto, PHONE_MESSAGE } from '../../../common/dto/pagination.dto';
import { OptionalUuid } from '../../../common/dto/fields';

export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;

export class CreateVolunteerDto implements CreateVolunteerRequest {
  @ApiProperty({ example: '张晓明' })
  @IsString()
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(PERSON_NAME_MAX, { message: `姓名最多 ${PERSON_NAME_MAX} 个字` })
  name: string;

  @ApiPropertyOptional({ example: '13912345678', description: '11 位手机号；红领巾少年可不填' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS, { message: 'gender 只能是 male 或 female' })
  gender?: Gender;

  @ApiPropertyOptional({ example: '1990-03-07' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'birthDate 必须是 YYYY-MM-DD 日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate 必须是 YYYY-MM-DD 日期' })
  birthDate?: string;

  @ApiPropertyOptional({ enum: POLITICAL_STATUSES })
  @IsOptional()
  @IsIn(POLITICAL_STATUSES, { message: 'politicalStatus 取值不在允许范围内' })
  politicalStatus?: PoliticalStatus;

  @ApiPropertyOptional({ type: [String], example: ['理发', '义诊'] })
  @IsOptional()
  @IsArray({ message: 'skills 必须是列表' })
  @ArrayMaxSize(20, { message: '特长最多 20 项' })
  @IsString({ each: true, message: 'skills 的每一项必须是文字' })
  @MaxLength(30, { each: true, message: '每项特长最多 30 个字' })
  skills?: string[];

  @OptionalUuid({ description: '所属站点；队长添加时默认为队伍所在阵地' })
  siteId?: string;

  @ApiPropertyOptional({ description: '身份证号（加密保存，只显示掩码）' })
  @IsOptional()
  @Matches(ID_NUMBER_PATTERN, { message: '身份证号必须是 18 位' })
  idNumber?: string;

  @OptionalUuid({ description: '同时加入该队伍（队长只能加入自己带领的队伍）' })
  teamId?: string;
}

export class UpdateVolunteerDto implements UpdateVolunteerRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(PERSON_NAME_MAX, { message: `姓名最多 ${PERSON_NAME_MAX} 个字` })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS, { message: 'gender 只能是 male 或 female' })
  gender?: Gender;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'birthDate 必须是 YYYY-MM-DD 日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate 必须是 YYYY-MM-DD 日期' })
  birthDate?: string;

  @ApiPropertyOptional({ enum: POLITICAL_STATUSES })
  @IsOptional()
  @IsIn(POLITICAL_STATUSES, { message: 'politicalStatus 取值不在允许范围内' })
  politicalStatus?: PoliticalStatus;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'skills 必须是列表' })
  @ArrayMaxSize(20, { message: '特长最多 20 项' })
  @IsString({ each: true, message: 'skills 的每一项必须是文字' })
  skills?: string[];

  @OptionalUuid()
  siteId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_NUMBER_PATTERN, { message: '身份证号必须是 18 位' })
  idNumber?: string;
}

export class VolunteerQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: '姓名、手机号或志愿者编号' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @OptionalUuid()
  siteId?: string;

  @OptionalUuid()
  teamId?: string;
}

export class ImportQueryDto {
  @OptionalUuid({ description: '未填写“所属站点”的行归入此站点' })
  siteId?: string;
}
