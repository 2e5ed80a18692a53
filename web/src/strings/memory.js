// When a file needs more memory than the browser gives the page (../memory-limit.js), in
// English and Russian (merged by ../i18n.js). {loaded} and {total} are compact counts (18.2M,
// 18,2 млн), {total} an estimate from the file's size.

export const en = {
  'memory.too_big': '{file} needs more memory than this browser gives a page: {loaded} of about {total} lines loaded.',
  'memory.too_big.no_total': '{file} needs more memory than this browser gives a page: {loaded} lines loaded.',
  'memory.kept': 'The dashboards show the lines loaded; for all of them, load a smaller extract (a shorter period) or open the file with the command line tool.',
  'memory.none_kept': 'Nothing of it was kept; the other files stay loaded.',
  'memory.report': 'The report needs more memory than this browser gives a page: the files loaded hold {rows} rows, and the figures for them do not fit. Remove a file or load a smaller extract (a shorter period), make the report with the command line tool, or load the summary tables of a warehouse (README, “When your data outgrows a browser”).',
};

export const ru = {
  'memory.too_big': 'Файлу {file} нужно больше памяти, чем браузер даёт странице: загружено {loaded} из примерно {total} строк.',
  'memory.too_big.no_total': 'Файлу {file} нужно больше памяти, чем браузер даёт странице: загружено строк: {loaded}.',
  'memory.kept': 'Панели показывают загруженные строки; чтобы учесть все, загрузите выгрузку поменьше (за более короткий период) или откройте файл в программе командной строки.',
  'memory.none_kept': 'Из него ничего не сохранено; остальные файлы остаются загруженными.',
  'memory.report': 'Для отчёта нужно больше памяти, чем браузер даёт странице: в загруженных файлах {rows} строк, и расчёт по ним не помещается. Уберите файл или загрузите выгрузку поменьше (за более короткий период), постройте отчёт в программе командной строки или загрузите сводные таблицы из хранилища (README, «When your data outgrows a browser»).',
};
