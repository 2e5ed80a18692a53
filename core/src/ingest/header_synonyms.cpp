#include "pulse/ingest/header_synonyms.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

#include "pulse/util/sort_by.h"

namespace pulse::ingest {
namespace {

using F = Field;
using R = Role;

constexpr unsigned mask(R r) {
  return 1u << static_cast<unsigned>(r);
}
constexpr unsigned kAll = 0xFFFFu;
constexpr unsigned kOrderish = mask(R::order_lines) | mask(R::orders);
constexpr unsigned kLines = mask(R::order_lines);
constexpr unsigned kOrders = mask(R::orders);
constexpr unsigned kCustomers = mask(R::customers);
constexpr unsigned kDeals = mask(R::deals);
constexpr unsigned kEvents = mask(R::deal_events);
constexpr unsigned kReps = mask(R::sales_reps);
constexpr unsigned kPrices = mask(R::catalog_prices);
constexpr unsigned kCatalogs = mask(R::catalogs);

// One entry: a field's names (normalized) for the roles in `roles`. A field may have several
// entries; for a role, its names are the entries' names in table order, best first.
struct Entry {
  F field;
  unsigned roles;
  std::vector<std::string_view> names;
};

// English, German-ish and Russian names as exports (Magento, 1C, Excel, CRMs) write them.
const std::vector<Entry>& table() {
  static const std::vector<Entry> entries = {
      // orders and lines
      {F::order_id, kOrders, {"id"}},
      {F::order_id,
       kOrderish | kDeals,
       {"orderid",      "ordernumber",    "orderno",        "ordernum",        "ordernr",
        "incrementid",  "invoiceno",      "invoicenumber",  "invoiceid",       "invoice",
        "order",        "salesorder",     "documentnumber", "documentno",      "docno",
        "номерзаказа",  "заказ",          "номердокумента", "номер",           "документ",
        "заказклиента", "счет",           "rechnung",       "rechnungsnummer", "rechnungsnr",
        "auftrag",      "auftragsnummer", "auftragsnr",     "bestellung",      "bestellnummer",
        "bestellnr",    "belegnummer",    "belegnr"}},
      {F::order_date, kOrderish, {"orderdate",     "invoicedate",   "orderpurchasetimestamp",
                                  "purchasedate",  "orderdatetime", "date",
                                  "createdat",     "created",       "orderedat",
                                  "dateordered",   "documentdate",  "datetime",
                                  "датазаказа",    "датадокумента", "дата",
                                  "период",        "datum",         "rechnungsdatum",
                                  "auftragsdatum", "bestelldatum",  "belegdatum"}},
      {F::customer_id, kCustomers | kDeals, {"id"}},
      {F::customer_id,
       kAll,
       {"customerid", "companyid",    "clientid",       "accountid",  "buyerid", "customernumber",
        "customerno", "customercode", "customer",       "company",    "client",  "account",
        "buyer",      "кодклиента",   "кодконтрагента", "контрагент", "клиент",  "покупатель",
        "заказчик",   "kunde",        "kundennummer",   "kundennr",   "debitor", "debitornummer"}},
      {F::customer_name,
       kAll,
       {"customername", "companyname", "clientname", "accountname", "buyername", "billtoname",
        "наименованиеконтрагента", "названиекомпании", "наименованиеклиента", "kundenname",
        "firma"}},
      {F::customer_name, kCustomers, {"name", "наименование", "название"}},
      {F::sku, kLines | kPrices, {"sku",           "stockcode",     "productid",  "productcode",
                                  "itemcode",      "itemno",        "itemnumber", "articlenumber",
                                  "articleno",     "article",       "partnumber", "partno",
                                  "material",      "артикул",       "кодтовара",  "кодноменклатуры",
                                  "код",           "artikelnummer", "artikelnr",  "artnr",
                                  "materialnummer"}},
      {F::product_name,
       kLines,
       {"productname", "description", "itemname", "product", "item", "name", "title",
        "номенклатура", "товар", "наименованиетовара", "наименование", "продукт", "artikel",
        "artikelbezeichnung", "bezeichnung", "produkt"}},
      {F::category,
       kLines,
       {"category", "productcategory", "productcategoryname", "categoryname", "productgroup",
        "productline", "group", "категория", "группатоваров", "группа", "группаноменклатуры",
        "warengruppe", "kategorie"}},
      {F::quantity,
       kLines,
       {"quantity", "qty", "qtyordered", "quantityordered", "units", "count", "pieces",
        "количество", "колво", "кол", "menge", "anzahl", "stuck"}},
      {F::unit_price,
       kLines,
       {"unitprice", "price", "baseprice", "saleprice", "sellingprice", "netprice", "priceeach",
        "цена", "ценазаединицу", "ценапродажи", "preis", "einzelpreis", "stuckpreis", "nettopreis",
        "verkaufspreis"}},
      {F::line_total,
       kLines,
       {"linetotal",    "baserowtotal", "rowtotal",    "lineamount", "extendedprice", "total",
        "amount",       "netamount",    "subtotal",    "revenue",    "sales",         "сумма",
        "суммасндс",    "итого",        "стоимость",   "выручка",    "betrag",        "gesamt",
        "gesamtbetrag", "summe",        "nettobetrag", "umsatz"}},
      {F::discount,
       kLines,
       {"discount", "basediscountamount", "discountamount", "скидка", "суммаскидки", "rabatt"}},
      {F::unit_cost,
       kLines,
       {"unitcost", "basecost", "cost", "costprice", "purchaseprice", "себестоимость",
        "закупочнаяцена", "ценазакупки", "einstandspreis", "einkaufspreis", "ekpreis"}},
      {F::catalog,
       kAll,
       {"catalog", "sharedcatalog", "pricelist", "customergroup", "customergroupid", "pricegroup",
        "tier", "прайслист", "типцен", "каталог", "видцен"}},
      {F::sales_rep,
       kReps,
       {"salesrep", "salesagent", "repid", "agent", "userid", "id", "rep", "employee", "менеджер",
        "сотрудник"}},
      {F::sales_rep,
       kAll & ~kReps,
       {"salesrep", "salesrepresentative", "salesrepresentativeid", "salesagent", "rep", "agent",
        "accountmanager", "salesperson", "salesmanager", "manager", "owner", "менеджер",
        "ответственный", "торговыйпредставитель", "агент"}},
      {F::status,
       kAll,
       {"status", "orderstatus", "dealstage", "stage", "quotestatus", "state", "статус",
        "состояние", "этап", "стадия"}},
      {F::currency,
       kOrderish,
       {"currency", "currencycode", "basecurrencycode", "ordercurrencycode", "валюта"}},
      {F::order_total,
       kOrders,
       {"ordertotal", "basegrandtotal", "grandtotalbase", "grandtotal", "grandtotalpurchased",
        "total", "amount", "ordervalue", "revenue", "value", "сумма", "суммадокумента", "итого"}},
      {F::quote_id, kOrderish, {"quoteid", "negotiablequoteid"}},
      {F::parent_item_id, kLines, {"parentitemid"}},
      // customers
      {F::segment,
       kCustomers,
       {"segment", "customersegment", "sector", "industry", "type", "customertype", "сегмент",
        "отрасль", "тип"}},
      {F::region,
       kCustomers,
       {"region", "state", "country", "officelocation", "province", "city", "location", "регион",
        "страна", "область", "город"}},
      {F::company_id,
       kCustomers,
       {"customeruniqueid", "parentcompanyid", "parentaccountid", "parentcustomerid",
        "headofficeid", "головнаяорганизация", "головнойконтрагент"}},
      {F::created_at,
       kCustomers,
       {"createdat", "created", "createddate", "customersince", "signupdate", "датасоздания",
        "датарегистрации"}},
      // deals
      {F::deal_id,
       kDeals | kEvents,
       {"dealid", "quoteid", "opportunityid", "negotiablequoteid", "quotenumber", "deal",
        "opportunity", "quote", "номерсделки", "сделка", "кп"}},
      {F::deal_id, kDeals, {"id"}},
      {F::created_at,
       kDeals,
       {"createdat", "createddate", "created", "engagedate", "opendate", "startdate",
        "submitteddate", "датасоздания"}},
      {F::updated_at,
       kDeals,
       {"updatedat", "lastupdated", "updated", "modifiedat", "lastmodified", "modified",
        "датаизменения"}},
      {F::closed_at,
       kDeals,
       {"closedat", "closedate", "closeddate", "closingdate", "wondate", "датазакрытия"}},
      {F::expires_at,
       kDeals,
       {"expiresat", "expirationdate", "expirationperiod", "expectedclosedate", "expectedclose",
        "validuntil", "expiry", "expires", "срокдействия", "действителендо"}},
      {F::amount,
       kDeals,
       {"amount", "closevalue", "negotiatedtotal", "negotiatedtotalprice",
        "basenegotiatedtotalprice", "quotetotalnegotiated", "negotiatedamount", "dealamount",
        "dealvalue", "opportunityamount", "expectedrevenue", "value", "quotetotal", "total",
        "сумма"}},
      {F::original_amount,
       kDeals,
       {"originalamount", "originaltotalprice", "baseoriginaltotalprice", "quotetotalbase",
        "originaltotal", "listamount", "исходнаясумма"}},
      {F::product, kDeals, {"product", "productname", "sku", "item", "товар"}},
      // deal events
      {F::timestamp,
       kEvents,
       {"timestamp", "eventtime", "changedat", "createdat", "datetime", "date", "time", "updatedat",
        "время", "дата"}},
      // sales reps
      {F::rep_name,
       kReps,
       {"repname", "fullname", "name", "agentname", "employeename", "фио", "имя"}},
      {F::manager, kReps, {"manager", "supervisor", "teamlead", "lead", "руководитель"}},
      {F::team,
       kReps,
       {"team", "regionaloffice", "office", "region", "department", "отдел", "команда", "филиал"}},
      // catalogs (names of price lists / customer groups)
      {F::catalog_name,
       kCatalogs,
       {"catalogname", "sharedcatalogname", "pricelistname", "customergroupname", "name",
        "наименованиепрайслиста", "наименование", "название"}},
      // catalog prices
      {F::price, kPrices, {"price", "catalogprice", "netprice", "unitprice", "цена"}},
      {F::list_price,
       kPrices,
       {"listprice", "msrp", "rrp", "baseprice", "recommendedprice", "базоваяцена"}},
  };
  return entries;
}

// Appends the lower-case form of one UTF-8 code point (Latin, digits and Cyrillic only).
void append_folded(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {  // Latin-1 letters without their accents: "Stück" -> "stuck"
    static const char kBase[] =
        "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
    const char base = kBase[cp - 0xC0];
    if (cp == 0xDF)
      out += "ss";
    else if (base != '*' && base != '/')
      out += base;
    return;
  }
  if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;  // А..Я -> а..я
  if (cp == 0x401 || cp == 0x451) cp = 0x435;  // Ё, ё -> е
  if (cp < 0x430 || cp > 0x44F) return;
  out += static_cast<char>(0xC0 | (cp >> 6));
  out += static_cast<char>(0x80 | (cp & 0x3F));
}

}  // namespace

std::string normalize_header(std::string_view header) {
  const std::size_t dot = header.rfind('.');
  if (dot != std::string_view::npos) header.remove_prefix(dot + 1);
  std::string out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size();) {
    const unsigned char c = static_cast<unsigned char>(header[i]);
    if (c < 0x80) {
      append_folded(out, c);
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < header.size()) {
      append_folded(out, ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(header[i + 1]) & 0x3Fu));
      i += 2;
    } else {
      ++i;
    }
  }
  return out;
}

namespace {

struct Place {
  Field field;
  Role role;
  int rank;  // among the field's names for that role, best first
};

// Every name's places, sorted by name, so that a lookup is a binary search: synonym_rank is
// asked for every role, field and column while a file's mapping is decided. (A sorted vector,
// not a hash map: the same speed here and less code in the page's engine.)
struct NamedPlace {
  std::string_view name;
  Place place;
};

const std::vector<NamedPlace>& synonym_index() {
  static const auto index = [] {
    std::vector<NamedPlace> out;
    for (unsigned r = 0; r < static_cast<unsigned>(Role::count_); ++r) {
      std::array<int, kFieldCount> next{};  // the next rank, per field, for this role
      for (const Entry& e : table()) {
        if ((e.roles & (1u << r)) == 0) continue;
        for (std::string_view name : e.names)
          out.push_back(
              {name, {e.field, static_cast<Role>(r), next[static_cast<std::size_t>(e.field)]++}});
      }
    }
    // Stable: a name listed twice for a field keeps its first (best) rank first.
    stable_sort_by(out, [](const NamedPlace& a, const NamedPlace& b) { return a.name < b.name; });
    return out;
  }();
  return index;
}

/// The index's entries for `name`: [first, last).
std::pair<std::vector<NamedPlace>::const_iterator, std::vector<NamedPlace>::const_iterator>
places_of(std::string_view name) {
  const auto& index = synonym_index();
  const auto first =
      std::lower_bound(index.begin(), index.end(), name,
                       [](const NamedPlace& p, std::string_view n) { return p.name < n; });
  auto last = first;
  while (last != index.end() && last->name == name) ++last;
  return {first, last};
}

}  // namespace

bool is_header_synonym(std::string_view normalized_header) {
  const auto [first, last] = places_of(normalized_header);
  return first != last;
}

std::optional<int> synonym_rank(Role role, Field field, std::string_view normalized_header) {
  const auto [first, last] = places_of(normalized_header);
  for (auto it = first; it != last; ++it)
    if (it->place.field == field && it->place.role == role) return it->place.rank;
  return std::nullopt;
}

}  // namespace pulse::ingest
