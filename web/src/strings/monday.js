// Strings of the Monday-use fixes (issue #13 points 5, 6 and 8), English and Russian: the
// comparisons on the KPI tiles, partial months on the monthly charts, the filter bar's
// messages, the shared-link banner and the rules the Data view edits (merged by ../i18n.js).

export const en = {
  // KPI tiles compared with earlier periods (docs/kpi.md "Comparisons").
  'cmp.previous': 'vs previous {change}',
  'cmp.year_ago': 'vs year ago {change}',
  'cmp.none': 'no earlier data',
  'cmp.pp': '{n} pp',
  'cmp.previous.def': 'Change against the previous period of the same length ({from} – {to}), same filters and as-of date.',
  'cmp.year_ago.def': 'Change against the same dates a year earlier ({from} – {to}), same filters and as-of date.',
  'cmp.none.def': 'The loaded data begins after the start of the earlier periods, so there is nothing to compare with (half a period would read as a fall).',
  'cmp.rate.def': 'For a rate, the change is in percentage points (pp).',

  // Partial months on the monthly charts.
  'partial.month': 'partial month',
  'partial.note': '▨ Partial month ({months}): the period covers it only in part ({from} – {to}); its bar is not comparable with full months.',

  // Filter bar.
  'filter.from_after_to': 'From ({from}) is after To ({to}): not applied. Pick a From on or before To.',
  'filter.no_customer': 'No customer matches “{text}”: filter not applied.',
  'filter.customer_matches': '{n} customers match “{text}”: pick one.',
  'filter.link': 'This link carries filters: {filters}. Load the same files to see them.',

  // Rules on screen (Data view).
  'rules.title': 'Rules',
  'rules.hint': 'The settings a workspace file holds (docs/workspace.md), edited here; Apply recomputes, and Save workspace keeps them.',
  'rules.thresholds': 'Rhythm thresholds (days since the last order ÷ usual interval)',
  'rules.due': 'Due from',
  'rules.overdue': 'Overdue from',
  'rules.lapsed': 'Lapsed from',
  'rules.won': 'Deal statuses counted as won',
  'rules.lost': 'Deal statuses counted as lost',
  'rules.excluded': 'Order statuses excluded (cancelled and the like)',
  'rules.list_hint': 'One per line or comma-separated; compared ignoring case.',
  'rules.non_product': 'SKUs that are not products',
  'rules.non_product.hint': 'Postage, carriage, fees, bank charges, manual adjustments: left out of product rankings, ABC classes, elasticity and discount advice; their revenue still counts in customer revenue and order totals.',
  'rules.suggested': 'Suggested from your data',
  'rules.suggested.none': 'Nothing in these files looks like a non-product line.',
  'rules.add': 'Add',
  'rules.add_all': 'Add all suggested',
  'rules.apply': 'Apply rules',
  'rules.reset': 'Back to defaults',
  'rules.applied': 'Rules applied.',
  'rules.bad_number': '{field}: “{value}” is not a number from 0 to {max}: not applied.',
  'rules.bad_order': 'The thresholds must increase, due < overdue < lapsed; got {due}, {overdue}, {lapsed}: not applied.',
  'rules.reason.no_digits': 'a code without digits, unlike most SKUs here',
  'rules.reason.word': 'named like a charge: “{word}”',
  'rules.reason.both': 'a code without digits, named like a charge: “{word}”',
};

export const ru = {
  'cmp.previous': 'к прошлому периоду {change}',
  'cmp.year_ago': 'к году ранее {change}',
  'cmp.none': 'нет более ранних данных',
  'cmp.pp': '{n} п.п.',
  'cmp.previous.def': 'Изменение к предыдущему периоду той же длины ({from} – {to}), с теми же фильтрами и датой расчёта.',
  'cmp.year_ago.def': 'Изменение к тем же датам годом ранее ({from} – {to}), с теми же фильтрами и датой расчёта.',
  'cmp.none.def': 'Загруженные данные начинаются позже начала прошлых периодов, сравнивать не с чем (половина периода выглядела бы как падение).',
  'cmp.rate.def': 'Для доли изменение — в процентных пунктах (п.п.).',

  'partial.month': 'неполный месяц',
  'partial.note': '▨ Неполный месяц ({months}): период захватывает его лишь частично ({from} – {to}); его столбец нельзя сравнивать с полными месяцами.',

  'filter.from_after_to': 'Дата «С» ({from}) позже даты «По» ({to}): не применено. Выберите «С» не позже «По».',
  'filter.no_customer': 'Ни один клиент не подходит под «{text}»: фильтр не применён.',
  'filter.customer_matches': 'Под «{text}» подходят клиенты ({n}): выберите одного.',
  'filter.link': 'Эта ссылка несёт фильтры: {filters}. Загрузите те же файлы, чтобы их увидеть.',

  'rules.title': 'Правила',
  'rules.hint': 'Настройки, которые хранит файл рабочей области (docs/workspace.md), редактируются здесь; «Применить» пересчитывает, «Сохранить рабочую область» их сохраняет.',
  'rules.thresholds': 'Пороги ритма (дней с последнего заказа ÷ обычный интервал)',
  'rules.due': 'Пора — от',
  'rules.overdue': 'Просрочен — от',
  'rules.lapsed': 'Ушёл — от',
  'rules.won': 'Статусы сделок, считающиеся выигранными',
  'rules.lost': 'Статусы сделок, считающиеся проигранными',
  'rules.excluded': 'Исключаемые статусы заказов (отменённые и подобные)',
  'rules.list_hint': 'По одному в строке или через запятую; регистр не важен.',
  'rules.non_product': 'Артикулы, которые не являются товарами',
  'rules.non_product.hint': 'Доставка, перевозка, комиссии, банковские сборы, ручные корректировки: не входят в рейтинги товаров, классы ABC, эластичность и советы по скидкам; их выручка остаётся в выручке клиентов и суммах заказов.',
  'rules.suggested': 'Предложено по вашим данным',
  'rules.suggested.none': 'В этих файлах нет строк, похожих на нетоварные.',
  'rules.add': 'Добавить',
  'rules.add_all': 'Добавить все предложенные',
  'rules.apply': 'Применить правила',
  'rules.reset': 'Вернуть по умолчанию',
  'rules.applied': 'Правила применены.',
  'rules.bad_number': '{field}: «{value}» — не число от 0 до {max}: не применено.',
  'rules.bad_order': 'Пороги должны возрастать, пора < просрочен < ушёл; получено {due}, {overdue}, {lapsed}: не применено.',
  'rules.reason.no_digits': 'код без цифр, в отличие от большинства артикулов здесь',
  'rules.reason.word': 'название как у сбора или услуги: «{word}»',
  'rules.reason.both': 'код без цифр, название как у сбора или услуги: «{word}»',
};
