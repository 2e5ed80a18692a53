// Status codes as words: the deal statuses of Magento's negotiable quotes and of CRM exports,
// and the customer statuses of docs/kpi.md, each with a label and a one-line definition in EN
// and RU. A code the page does not know is shown as itself with underscores as spaces, so a
// new status of some system still reads as words.

const DEAL = {
  created: ['Created', 'Создано', 'The quote was requested and not worked on yet.', 'Запрос на предложение создан, работа ещё не начата.'],
  draft_by_admin: ['Draft by seller', 'Черновик продавца', 'The seller is preparing the quote; the customer has not seen it.', 'Продавец готовит предложение; клиент его ещё не видел.'],
  processing_by_admin: ['Processing by seller', 'На рассмотрении у продавца', 'The seller is working on the quote.', 'Продавец работает над предложением.'],
  submitted_by_admin: ['Sent to customer', 'Отправлено клиенту', 'The seller sent the quote to the customer (one negotiation round).', 'Продавец отправил предложение клиенту (один раунд переговоров).'],
  processing_by_customer: ['Processing by customer', 'На рассмотрении у клиента', 'The customer is reviewing the quote.', 'Клиент рассматривает предложение.'],
  submitted_by_customer: ['Sent by customer', 'Отправлено клиентом', 'The customer sent the quote back to the seller.', 'Клиент вернул предложение продавцу.'],
  ordered: ['Ordered', 'Заказано', 'The quote became an order: the deal is won.', 'По предложению оформлен заказ: сделка выиграна.'],
  closed: ['Closed', 'Закрыто', 'The quote was closed without an order: the deal is lost.', 'Предложение закрыто без заказа: сделка проиграна.'],
  expired: ['Expired', 'Истекло', 'The quote passed its expiry date without an order: the deal is lost.', 'Срок предложения истёк без заказа: сделка проиграна.'],
  declined: ['Declined', 'Отклонено', 'The seller declined the quote: the deal is lost.', 'Продавец отклонил предложение: сделка проиграна.'],
  won: ['Won', 'Выиграна', 'The opportunity closed as won.', 'Сделка закрыта с выигрышем.'],
  lost: ['Lost', 'Проиграна', 'The opportunity closed as lost.', 'Сделка закрыта с проигрышем.'],
  engaging: ['Engaging', 'В работе', 'The rep is in contact with the account: the deal is open.', 'Менеджер ведёт переговоры с клиентом: сделка открыта.'],
  prospecting: ['Prospecting', 'Поиск', 'A first contact, not qualified yet: the deal is open.', 'Первый контакт, сделка ещё не квалифицирована и открыта.'],
};

const CUSTOMER = {
  on_track: ['On track', 'В ритме', 'Orders at its usual pace and is as likely to order as after its last order.', 'Заказывает в своём обычном ритме, шанс заказа не упал.'],
  due: ['Due', 'Пора', 'Its next order is due: 1 to 1.5 usual intervals since the last order, or its chance to order has fallen below 80%.', 'Пора заказывать: с последнего заказа 1–1,5 обычных интервала, или шанс заказа упал ниже 80%.'],
  overdue: ['Overdue', 'Опаздывает', 'Late: 1.5 to 3 usual intervals since the last order, or its chance to order has fallen below 60%.', 'Опаздывает: с последнего заказа 1,5–3 обычных интервала, или шанс заказа упал ниже 60%.'],
  lapsed: ['Lapsed', 'Ушёл', 'Probably gone: 3 or more usual intervals since the last order, or its chance to order has fallen below 40%.', 'Вероятно, ушёл: с последнего заказа 3 и более обычных интервала, или шанс заказа упал ниже 40%.'],
  unknown: ['Unknown', 'Неизвестно', 'Too few orders to know its rhythm, and no return model could be fitted.', 'Слишком мало заказов, чтобы знать ритм, и модель возврата не построена.'],
};

const COL = { en: 0, ru: 1 };
const words = (code) => String(code ?? '').replace(/_/g, ' ').trim();
const find = (table, code) => table[String(code ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_')];

/** A deal status (Magento or CRM) as words in lang; an unknown code as itself, `_` as spaces. */
export function dealStatusLabel(lang, code) {
  const e = find(DEAL, code);
  return e ? e[COL[lang] ?? 0] : words(code);
}

/** What a deal status means, in lang ('' for a code the page does not know). */
export function dealStatusDefinition(lang, code) {
  const e = find(DEAL, code);
  return e ? e[2 + (COL[lang] ?? 0)] : '';
}

/** A customer status (on_track, due, overdue, lapsed, unknown) as words in lang. */
export function customerStatusLabel(lang, code) {
  const e = find(CUSTOMER, code);
  return e ? e[COL[lang] ?? 0] : words(code);
}

/** What a customer status means, in lang. */
export function customerStatusDefinition(lang, code) {
  const e = find(CUSTOMER, code);
  return e ? e[2 + (COL[lang] ?? 0)] : '';
}
