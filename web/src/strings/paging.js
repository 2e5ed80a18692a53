// Texts of the lists the worker pages (paged-table.js, the quote detail fetched on demand).
export const en = {
  'drill.loading': 'Fetching the quote…',
  'paged.stale': 'The report changed while exporting: export again.',
};

export const ru = {
  'drill.loading': 'Загружаем предложение…',
  'paged.stale': 'Отчёт изменился во время выгрузки: выгрузите ещё раз.',
};
