import { readFileSync } from 'node:fs';
import type PDFKit from 'pdfkit';

/**
 * 志愿服务记录证明 (per the 2021 national rules on volunteer service records): name, masked ID number,
 * volunteer number, total hours and the services of the period, issuing organisation, contact,
 * certificate number and date. Rendered with Noto Sans SC from the npm package
 * @expo-google-fonts/noto-sans-sc (SIL OFL); pdfkit embeds only the glyphs used (subset).
 */
export interface CertificateData {
  number: string;
  name: string;
  idNumberMasked: string | null;
  volunteerNumber: string;
  from: string | null;
  to: string | null;
  totalHours: number;
  personTimes: number;
  services: Array<{ date: string; title: string; teamName: string; hours: number }>;
  issuer: string;
  contact: string;
  issuedOn: string;
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  if (!fonts) {
    fonts = {
      regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
      bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
    };
  }
  return fonts;
}

const zhDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

/** pdfkit (~22 MB of RSS with fontkit) loaded with the first certificate, not at the API's start (issue 15). */
let pdfkit: Promise<typeof PDFKit> | undefined;
const loadPdfKit = () => (pdfkit ??= import('pdfkit').then((m) => ((m as { default?: typeof PDFKit }).default ?? m) as typeof PDFKit));

export async function renderCertificate(c: CertificateData): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `志愿服务记录证明 ${c.number}`,
      Author: c.issuer,
      // plain ASCII so that a machine can check the figures without a CJK text extractor
      Subject: `QS-certificate total-hours=${c.totalHours.toFixed(1)} person-times=${c.personTimes}`,
    },
  });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // frame + header
  doc
    .lineWidth(1.5)
    .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
    .strokeColor('#b3261e')
    .stroke();
  doc.font('R').fontSize(10).fillColor('#444').text(`证明编号：${c.number}`, left, 60, { width, align: 'right' });
  doc.font('B').fontSize(26).fillColor('#b3261e').text('志愿服务记录证明', left, 92, { width, align: 'center', characterSpacing: 4 });
  doc.moveDown(1.2);

  const period = c.from && c.to ? `${zhDate(c.from)}至${zhDate(c.to)}` : '截至出具之日';
  const idPart = c.idNumberMasked ? `身份证号：${c.idNumberMasked}，` : '';
  doc
    .font('R')
    .fontSize(13)
    .fillColor('#000')
    .text(
      `兹证明 ${c.name}（${idPart}志愿者编号：${c.volunteerNumber}）于${period}期间参加志愿服务 ${c.personTimes} 次，` +
        `经服务组织确认，累计志愿服务时长 ${c.totalHours.toFixed(1)} 小时。`,
      left,
      doc.y,
      { width, lineGap: 8, indent: 26 },
    );
  doc.moveDown(1);

  // services table
  const cols = [
    { title: '序号', w: 36, align: 'center' as const },
    { title: '日期', w: 80, align: 'center' as const },
    { title: '服务项目', w: width - 36 - 80 - 132 - 72, align: 'left' as const },
    { title: '服务队伍', w: 132, align: 'left' as const },
    { title: '时长（小时）', w: 72, align: 'right' as const },
  ];
  const rowH = 20;
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    const y = doc.y;
    if (shade) doc.rect(left, y, width, rowH).fill('#f6ecea');
    let x = left;
    doc
      .font(bold ? 'B' : 'R')
      .fontSize(9.5)
      .fillColor('#000');
    cells.forEach((t, i) => {
      doc.text(t, x + 4, y + 5, { width: cols[i].w - 8, align: cols[i].align, lineBreak: false, ellipsis: true, height: rowH - 4 });
      x += cols[i].w;
    });
    doc
      .moveTo(left, y + rowH)
      .lineTo(left + width, y + rowH)
      .lineWidth(0.5)
      .strokeColor('#c9c9c9')
      .stroke();
    doc.x = left;
    doc.y = y + rowH;
  };
  const header = () =>
    drawRow(
      cols.map((c2) => c2.title),
      true,
      true,
    );
  header();
  if (!c.services.length) {
    doc
      .font('R')
      .fontSize(10)
      .fillColor('#666')
      .text('本期间无已确认的志愿服务记录。', left, doc.y + 6, { width, align: 'center' });
    doc.y += 10;
  }
  c.services.forEach((s, i) => {
    if (doc.y + rowH > bottom()) {
      doc.addPage();
      doc
        .lineWidth(1.5)
        .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
        .strokeColor('#b3261e')
        .stroke();
      doc.y = doc.page.margins.top;
      header();
    }
    drawRow([String(i + 1), s.date, s.title, s.teamName, s.hours.toFixed(1)], false, false);
  });
  drawRow(['', '', '合计', `${c.personTimes} 次`, c.totalHours.toFixed(1)], true, false);
  if (doc.y + 30 + 110 > bottom()) {
    doc.addPage();
    doc
      .lineWidth(1.5)
      .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
      .strokeColor('#b3261e')
      .stroke();
    doc.y = doc.page.margins.top;
  }

  // issuer block, kept at the foot of the last page
  const y0 = Math.max(doc.y + 30, bottom() - 140);
  doc.font('R').fontSize(12).fillColor('#000');
  doc.text(`出具单位：${c.issuer}（盖章）`, left, y0, { width, align: 'right' });
  doc.text(`联系人：${c.contact || '—'}`, left, y0 + 24, { width, align: 'right' });
  doc.text(`出具日期：${zhDate(c.issuedOn)}`, left, y0 + 48, { width, align: 'right' });
  doc
    .fontSize(8.5)
    .fillColor('#666')
    .text('本证明依据《志愿服务记录与证明出具办法（试行）》出具，所列服务时长均经服务组织确认；可凭证明编号向出具单位核验。', left, y0 + 84, { width, align: 'left' });

  doc.end();
  return done;
}
