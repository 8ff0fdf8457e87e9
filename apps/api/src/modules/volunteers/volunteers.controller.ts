import { Body, Controller, Get, Param, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../common/files/content-disposition';
import { sendTableFile } from '../../common/files/table-file';
import { importTemplate } from './volunteer-import';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { UUID_PIPE } from '../../common/pipes';
import { CreateVolunteerDto, ImportQueryDto, UpdateVolunteerDto, VolunteerQueryDto } from './dto/volunteer.dto';
import { VolunteerImportService } from './volunteer-import.service';
import { VolunteersService } from './volunteers.service';
import { ApiAnswer, ApiFile } from '../../openapi/api-answer';

@ApiTags('volunteers')
@ApiBearerAuth()
@Controller('volunteers')
export class VolunteersController {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly importer: VolunteerImportService,
  ) {}

  @Get()
  @ApiOperation({ summary: '志愿者名单（管理员范围内；队长看自己队伍的队员）' })
  @ApiAnswer('VolunteerDto', { page: true })
  list(@CurrentUser() user: AuthUser, @Query() q: VolunteerQueryDto) {
    return this.volunteers.list(user, q);
  }

  @Post()
  @ApiOperation({ summary: '登记志愿者（管理员；队长可为自己的队伍添加无账号的队员，如红领巾少年）' })
  @ApiAnswer('VolunteerDto', { status: 201, errors: [409] })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateVolunteerDto) {
    return this.volunteers.create(user, dto);
  }

  @Get('import-template')
  @Roles('county_admin', 'site_admin')
  @ApiOperation({ summary: '志愿者导入模板（xlsx）：准确的表头、一行示例和“填写说明”工作表（每列可填的值）' })
  @ApiFile(['xlsx'], { description: '导入模板' })
  async template(@Res() res: FastifyReply) {
    const buffer = await importTemplate();
    const contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return sendTableFile(res, { buffer, contentType, disposition: contentDisposition('志愿者导入模板.xlsx', 'volunteer-import-template.xlsx') });
  }

  @Post('import')
  @Roles('county_admin', 'site_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOperation({
    summary: '批量导入志愿者（.csv/.xlsx；表头：姓名、手机号、性别、出生日期、政治面貌、特长、所属站点、身份证号、队伍）',
    description: '手机号已存在则更新，否则新建。任何一行有错都不导入，400 返回全部错误 {created:0, updated:0, errors:[{row, field, message}]}。',
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024 } }))
  @ApiAnswer('VolunteerImportResponse', { status: 201, errors: [409, 413], errorBodies: { 400: ['ApiErrorBody', 'VolunteerImportErrorBody'] } })
  import(@CurrentUser() user: AuthUser, @UploadedFile() file: UploadedMultipartFile | undefined, @Query() q: ImportQueryDto) {
    // memory storage (the default) always gives the bytes
    return this.importer.import(user, file?.buffer ? { buffer: file.buffer, originalname: file.originalname } : undefined, q.siteId);
  }

  @Get(':id')
  @ApiAnswer('VolunteerDto')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string) {
    return this.volunteers.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改志愿者资料（管理员范围内，或本人）' })
  @ApiAnswer('VolunteerDto', { errors: [409] })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID_PIPE) id: string, @Body() dto: UpdateVolunteerDto) {
    return this.volunteers.update(user, id, dto);
  }
}
