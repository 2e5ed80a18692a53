// Makes a big Excel workbook for the workbook load measurement (docs/performance.md, "Big
// workbooks"): a CSV's rows as one sheet the way spreadsheet programs write it: text in the
// shared strings, numbers as values, "YYYY-MM-DD HH:MM:SS" cells as date-time serials with a
// date format. Numbers are written either as LibreOffice and most exporters write them (the
// shortest text that reads back: "2.55", "40513.35138888889") or, with --digits=17, as Excel
// does (17 significant digits: "2.5499999999999998", "40513.351388888892"). The workbook goes
// to a temporary folder, never into the repository.
//   node bench/make_workbook.mjs [CSV=../shared/datasets/online-retail/online_retail.csv]
//        [OUT_DIR=/tmp/b2b-big] [--digits=17]   -> OUT_DIR/<csv name>[-17].xlsx
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { zipSync, strToU8 } = createRequire(path.join(here, '../web/package.json'))('fflate');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const excelDigits = process.argv.includes('--digits=17');
const source = path.resolve(args[0] || path.join(here, '../../shared/datasets/online-retail/online_retail.csv'));
const outDir = path.resolve(args[1] || '/tmp/b2b-big');
if (!fs.existsSync(source)) {
  console.error(`make_workbook.mjs: ${source} not found`);
  process.exit(1);
}

/** The CSV's records (RFC 4180: quoted fields with commas, quotes and line breaks). */
function* records(text) {
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += c, i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), field = '';
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') yield row;
      row = [], field = '';
    } else field += c;
  }
  if (field !== '' || row.length) yield [...row, field];
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i) => { let s = ''; for (i++; i; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s; return s; };
// Excel writes 17 significant digits without trailing zeros; whole numbers as integers.
const number = (x) => (!excelDigits || Number.isInteger(x) ? String(x) : x.toPrecision(17).replace(/\.?0+$/, ''));
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const EPOCH = Date.UTC(1899, 11, 30);

const shared = new Map();
const sharedIndex = (s) => { if (!shared.has(s)) shared.set(s, shared.size); return shared.get(s); };
const rows = [];
let r = 0;
for (const record of records(fs.readFileSync(source, 'utf8'))) {
  r++;
  const cells = record.map((v, c) => {
    const ref = column(c) + r;
    const date = r > 1 && DATE_TIME.exec(v);
    if (date) {
      const serial = (Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]) - EPOCH) / 86400000;
      return `<c r="${ref}" s="1"><v>${number(serial)}</v></c>`;
    }
    // Ids that look like numbers (invoice numbers, codes) stay text, as an export types them.
    if (r > 1 && c > 1 && NUMBER.test(v)) return `<c r="${ref}"><v>${number(Number(v))}</v></c>`;
    return v === '' ? '' : `<c r="${ref}" t="s"><v>${sharedIndex(v)}</v></c>`;
  });
  rows.push(`<row r="${r}">${cells.join('')}</row>`);
}
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const sheet = `${head}<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
rows.length = 0;
const strings = `${head}<sst xmlns="${NS}" count="${shared.size}" uniqueCount="${shared.size}">` +
  [...shared.keys()].map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') + '</sst>';
const files = {
  '[Content_Types].xml': `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  '_rels/.rels': `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `${head}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  'xl/styles.xml': `${head}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>` +
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
  'xl/sharedStrings.xml': strings,
  'xl/worksheets/sheet1.xml': sheet,
};
const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6 });
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${path.basename(source, path.extname(source))}${excelDigits ? '-17' : ''}.xlsx`);
fs.writeFileSync(out, zip);
console.log(`${out}: ${r} rows, ${shared.size} shared strings, ${(zip.length / 1048576).toFixed(1)} MiB`);
