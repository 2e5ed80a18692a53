// Makes a big Excel workbook for the workbook load measurement (docs/performance.md, "Big
// workbooks"): a CSV's rows as one sheet the way spreadsheet programs write it: text in the
// shared strings, numbers as values, "YYYY-MM-DD HH:MM:SS" cells as date-time serials with a
// date format. Numbers are written either as LibreOffice and most exporters write them (the
// shortest text that reads back: "2.55", "40513.35138888889") or, with --digits=17, as Excel
// does (17 significant digits: "2.5499999999999998", "40513.351388888892"). --times=N writes
// the rows N times, each copy's first column suffixed ("536365-2", as bench/make_big.sh does):
// the sheet is deflated as it is written, so its XML may pass what one string can hold. The
// workbook goes to a temporary folder, never into the repository.
//   node bench/make_workbook.mjs [CSV=../shared/datasets/online-retail/online_retail.csv]
//        [OUT_DIR=/tmp/b2b-big] [--digits=17] [--times=N]   -> OUT_DIR/<csv name>[-17][-xN].xlsx
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { Zip, ZipDeflate, strToU8 } = createRequire(path.join(here, '../web/package.json'))('fflate');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const excelDigits = process.argv.includes('--digits=17');
const times = Number((process.argv.find((a) => a.startsWith('--times=')) || '--times=1').slice(8));
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
const lines = [...records(fs.readFileSync(source, 'utf8'))];
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${path.basename(source, path.extname(source))}${excelDigits ? '-17' : ''}${times > 1 ? `-x${times}` : ''}.xlsx`);
const fd = fs.openSync(out, 'w');
let written = 0;
let failed = null;
const zip = new Zip((err, data) => {
  if (err) failed = err;
  else { fs.writeSync(fd, data); written += data.length; }
});
const entry = (name, text) => {
  const file = new ZipDeflate(name, { level: 6 });
  zip.add(file);
  file.push(strToU8(text), true);
};
// The sheet, a block of rows at a time.
const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
zip.add(sheet);
sheet.push(strToU8(`${head}<worksheet xmlns="${NS}"><sheetData>`));
let r = 0;
for (let copy = 1; copy <= times; copy++) {
  let block = [];
  for (let i = copy === 1 ? 0 : 1; i < lines.length; i++) {
    r++;
    const record = lines[i];
    const cells = record.map((v, c) => {
      const ref = column(c) + r;
      if (i > 0 && c === 0 && times > 1) v = `${v}-${copy}`;
      const date = i > 0 && DATE_TIME.exec(v);
      if (date) {
        const serial = (Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]) - EPOCH) / 86400000;
        return `<c r="${ref}" s="1"><v>${number(serial)}</v></c>`;
      }
      // Ids that look like numbers (invoice numbers, codes) stay text, as an export types them.
      if (i > 0 && c > 1 && NUMBER.test(v)) return `<c r="${ref}"><v>${number(Number(v))}</v></c>`;
      return v === '' ? '' : `<c r="${ref}" t="s"><v>${sharedIndex(v)}</v></c>`;
    });
    block.push(`<row r="${r}">${cells.join('')}</row>`);
    if (block.length === 20000) { sheet.push(strToU8(block.join(''))); block = []; }
  }
  sheet.push(strToU8(block.join('')));
}
sheet.push(strToU8('</sheetData></worksheet>'), true);
entry('xl/sharedStrings.xml', `${head}<sst xmlns="${NS}" count="${shared.size}" uniqueCount="${shared.size}">` +
  [...shared.keys()].map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') + '</sst>');
entry('[Content_Types].xml', `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>');
entry('_rels/.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
entry('xl/workbook.xml', `${head}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`);
entry('xl/_rels/workbook.xml.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
  `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`);
entry('xl/styles.xml', `${head}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>` +
  '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
  '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>');
zip.end();
fs.closeSync(fd);
if (failed) throw failed;
console.log(`${out}: ${r} rows, ${shared.size} shared strings, ${(written / 1048576).toFixed(1)} MiB`);
