// How a file's load ended, in English and Russian (merged by ../i18n.js): a partial load (rows
// kept, then reading stopped) worded apart from a refusal (nothing kept).

export const en = {
  'load.stopped.one': '{n} row loaded, then stopped',
  'load.stopped.other': '{n} rows loaded, then stopped',
  'load.stopped.line': 'at line {line}',
  'load.stopped.hint': 'The rows before that point are in the dashboards; the rest of the file was not read.',
};

export const ru = {
  'load.stopped.one': 'Загружена {n} строка, затем чтение остановлено',
  'load.stopped.few': 'Загружено {n} строки, затем чтение остановлено',
  'load.stopped.many': 'Загружено {n} строк, затем чтение остановлено',
  'load.stopped.other': 'Загружено {n} строки, затем чтение остановлено',
  'load.stopped.line': 'на строке {line}',
  'load.stopped.hint': 'Строки до этого места есть на панелях; остаток файла не прочитан.',
};
