// The page's strings for phones, print and assistive technology, in English and Russian
// (merged by ../i18n.js).

export const en = {
  'filter.toggle': 'Filters',
  'filter.toggle.none': 'none set',
  'filter.toggle.show': 'Show the filters',
  'filter.toggle.hide': 'Hide the filters',
  'print.filters': 'Filters',
};

export const ru = {
  'filter.toggle': 'Фильтры',
  'filter.toggle.none': 'не заданы',
  'filter.toggle.show': 'Показать фильтры',
  'filter.toggle.hide': 'Скрыть фильтры',
  'print.filters': 'Фильтры',
};
