import { writeFileSync } from 'node:fs';
import { renderCertificate, type CertificateData } from './certificate';

const sample: CertificateData = {
  number: 'QS-20261127-QS00001234-6',
  name: '李秀兰',
  idNumberMasked: '6205**********2028',
  volunteerNumber: 'QS00001234',
  from: '2026-01-01',
  to: '2026-11-27',
  totalHours: 15.5,
  personTimes: 6,
  services: [
    { date: '2026-03-06', title: '志愿服务日·东关社区环境整治', teamName: '永清镇红马甲志愿服务队', hours: 2.5 },
    { date: '2026-04-17', title: '文明交通劝导', teamName: '永清镇红马甲志愿服务队', hours: 3 },
    { date: '2026-05-08', title: '垃圾分类宣传进社区', teamName: '永清镇红马甲志愿服务队', hours: 2 },
    { date: '2026-06-12', title: '关爱空巢老人上门服务', teamName: '永清镇巾帼志愿服务队', hours: 3.5 },
    { date: '2026-09-18', title: '健康义诊', teamName: '永清镇红马甲志愿服务队', hours: 2 },
    { date: '2026-11-20', title: '移风易俗宣讲', teamName: '永清镇红马甲志愿服务队', hours: 2.5 },
  ],
  issuer: '永清镇新时代文明实践所',
  contact: '王建军 0938-5123456',
  issuedOn: '2026-11-27',
};

describe('service record certificate', () => {
  it('renders a PDF that names the totals (and many services over several pages)', async () => {
    const pdf = await renderCertificate(sample);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(QS-certificate total-hours=15.5 person-times=6)');
    if (process.env.CERT_OUT) writeFileSync(process.env.CERT_OUT, pdf);
    const many = await renderCertificate({ ...sample, services: Array.from({ length: 80 }, (_, i) => ({ ...sample.services[i % 6] })) });
    if (process.env.CERT_OUT_MANY) writeFileSync(process.env.CERT_OUT_MANY, many);
    expect((many.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
  });
});
