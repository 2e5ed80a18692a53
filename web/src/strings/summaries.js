// The summary tables' roles (docs/summaries.md), as the Data panel names a file read as one, in
// English and Russian (merged by ../i18n.js).

export const en = {
  'role.summary_orders': 'Summary: orders',
  'role.summary_items': 'Summary: order items',
  'role.summary_customers': 'Summary: customers',
  'role.summary_products': 'Summary: products',
};

export const ru = {
  'role.summary_orders': 'Сводка: заказы',
  'role.summary_items': 'Сводка: позиции заказов',
  'role.summary_customers': 'Сводка: клиенты',
  'role.summary_products': 'Сводка: товары',
};
