// Parquet files in the Data panel (docs/formats.md, "Parquet"), in English and Russian (merged by
// ../i18n.js). A Parquet file has no text lines: its problems are numbered by row.

export const en = {
  'parquet.row': 'Row',
  'parquet.format_title': 'Parquet, read in this page by hyparquet: one row group at a time, problems numbered by row (1 = the first)',
};

export const ru = {
  'parquet.row': 'Строка',
  'parquet.format_title': 'Parquet, прочитан на этой странице библиотекой hyparquet по группам строк; проблемы нумеруются по строкам (1 — первая)',
};
