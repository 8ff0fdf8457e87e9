import { IsNotEmpty, IsString, IsUUID, MaxLength, validateSync } from 'class-validator';
import { flatten } from './validation';

class Body {
  @IsString()
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(5, { message: '姓名最多 5 个字' })
  name: string;

  @IsString()
  @MaxLength(10, { message: '地址最多 10 个字' })
  address: string;

  @IsUUID('all', { message: '请选择站点（siteId）' })
  siteId: string;
}

const errorsOf = (o: object) => flatten(validateSync(Object.assign(new Body(), o)));

describe('validation messages', () => {
  it('a missing field says it is missing, not that it is too long', () => {
    const byField = Object.fromEntries(errorsOf({}).map((e) => [e.field, e.message]));
    expect(byField).toEqual({ name: '请填写姓名', address: '缺少必填项 address', siteId: '请选择站点（siteId）' });
  });

  it('a present but wrong value gets the rule it broke', () => {
    const byField = Object.fromEntries(errorsOf({ name: '一二三四五六', address: 'x'.repeat(11), siteId: 'nope' }).map((e) => [e.field, e.message]));
    expect(byField).toEqual({ name: '姓名最多 5 个字', address: '地址最多 10 个字', siteId: '请选择站点（siteId）' });
  });
});
