/**
 * Qingshui County (清水县, Tianshui, Gansu): the 18 real towns and townships and the
 * urban communities of the county seat. Village names beyond these are generated
 * deterministically in the county's naming style (…家庄, …湾, …坪).
 */
export const COUNTY = { name: '清水县', code: '620521' };

export interface TownSpec {
  name: string;
  kind: '镇' | '乡';
  villages: number;
  communities: string[];
}

// 260 villages + 71 communities = 331 stations
export const TOWNS: TownSpec[] = [
  { name: '永清镇', kind: '镇', villages: 10, communities: ['东关社区', '永和社区', '西关社区', '南关社区', '北关社区', '中山社区', '上邽社区', '温泉社区', '轩辕社区', '清河社区', '陇东社区', '牛头河社区', '城北社区'] },
  { name: '红堡镇', kind: '镇', villages: 15, communities: ['红堡社区', '南街社区', '北街社区', '新区社区'] },
  { name: '白驼镇', kind: '镇', villages: 15, communities: ['白驼社区', '东街社区', '西街社区', '新村社区'] },
  { name: '金集镇', kind: '镇', villages: 15, communities: ['金集社区', '南街社区', '北街社区', '集镇社区'] },
  { name: '秦亭镇', kind: '镇', villages: 15, communities: ['秦亭社区', '非子社区', '东街社区', '西街社区'] },
  { name: '山门镇', kind: '镇', villages: 15, communities: ['山门社区', '新街社区', '老街社区', '林场社区'] },
  { name: '白沙镇', kind: '镇', villages: 15, communities: ['白沙社区', '东街社区', '西街社区', '新区社区'] },
  { name: '王河镇', kind: '镇', villages: 15, communities: ['王河社区', '南街社区', '北街社区', '集镇社区'] },
  { name: '郭川镇', kind: '镇', villages: 15, communities: ['郭川社区', '东街社区', '西街社区'] },
  { name: '黄门镇', kind: '镇', villages: 15, communities: ['黄门社区', '南街社区', '北街社区'] },
  { name: '松树镇', kind: '镇', villages: 15, communities: ['松树社区', '东街社区', '西街社区'] },
  { name: '远门镇', kind: '镇', villages: 15, communities: ['远门社区', '南街社区', '北街社区'] },
  { name: '土门镇', kind: '镇', villages: 14, communities: ['土门社区', '东街社区', '西街社区'] },
  { name: '贾川乡', kind: '乡', villages: 14, communities: ['贾川社区', '街道社区', '新村社区'] },
  { name: '丰望乡', kind: '乡', villages: 14, communities: ['丰望社区', '街道社区', '新村社区'] },
  { name: '草川铺镇', kind: '镇', villages: 14, communities: ['草川铺社区', '东街社区', '西街社区'] },
  { name: '陇东乡', kind: '乡', villages: 14, communities: ['陇东社区', '街道社区', '新村社区'] },
  { name: '新城乡', kind: '乡', villages: 15, communities: ['新城社区', '街道社区', '新村社区'] },
];

export const VILLAGE_PREFIXES = [
  '李家', '王家', '张家', '赵家', '刘家', '杨家', '马家', '高家', '石家', '何家', '郭家', '胡家', '孙家', '周家', '吴家',
  '上', '下', '前', '后', '东', '西', '南', '北', '新', '老', '大', '小', '石', '柳', '杏', '槐', '红', '白', '金', '水',
  '梁', '峡', '河', '川', '沟', '草', '松', '桃', '麻', '黄',
];
export const VILLAGE_SUFFIXES = ['庄', '湾', '坪', '川', '沟', '塬', '峪', '坡', '岔', '山', '寨', '滩', '堡', '铺', '咀', '洼', '台', '庙', '门', '河'];

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕',
  '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜',
];
export const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '建国', '志强', '海涛', '文博', '子轩', '浩然', '宇航', '俊杰', '振华', '国强', '永红', '学军', '天佑', '晨阳', '家乐'];
export const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '桂英', '秀兰', '玉梅', '晓燕', '雪梅', '丽娟', '欣怡', '梓涵', '雨桐', '诗涵', '佳怡', '思琪', '春梅', '红霞', '慧敏', '婷婷', '亚楠', '文静', '晓红', '海燕'];
export const SKILLS = ['理发', '义诊', '法律咨询', '家电维修', '书法', '文艺演出', '心理疏导', '课业辅导', '农技指导', '摄影', '驾驶', '厨艺', '电脑', '护理', '宣讲'];
