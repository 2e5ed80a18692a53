#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "load_in_chunks.h"
#include "pulse/ingest/date_order_evidence.h"
#include "pulse/ingest/file_loader.h"

// Day/month order of slash dates no value over 12 decides (docs/formats.md, "Day or month
// first"): the order of the rows, the step between dates, another date column, the file's
// conventions, and the note the page turns into a banner.

using namespace pulse;
using namespace pulse::ingest;

namespace {

using Loaded = test::LoadedFile;

const Table& only_table(const Loaded& l) {
  REQUIRE(l.dataset.tables.size() == 1);
  return l.dataset.tables.front();
}

std::vector<std::string> days_of(const Loaded& l, Field field = Field::order_date) {
  std::vector<std::string> out;
  for (Day d : only_table(l).days(field)) out.push_back(format_day(d));
  return out;
}

std::string conv(const Loaded& l, const std::string& key) {
  const auto it = l.report.conventions.find(key);
  return it == l.report.conventions.end() ? "" : it->second;
}

std::string param(const Message& m, const std::string& name) {
  for (const MessageParam& p : m.params)
    if (p.name == name) return p.value;
  return "";
}

std::size_t guess_notes(const Loaded& l) {
  std::size_t n = 0;
  for (const Message& note : l.report.notes) n += note.code == "pulse.note.006";
  return n;
}

std::string two(unsigned v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

// An Online-Retail-like export: invoices of 1..12 December 2010 in date order, three lines
// each, the date written day first (UK) or month first (US), with a time.
std::string retail_december(bool day_first, char sep = ',') {
  const std::string s(1, sep);
  std::string text =
      "InvoiceNo" + s + "StockCode" + s + "Quantity" + s + "InvoiceDate" + s + "UnitPrice\n";
  int invoice = 536365;
  for (unsigned day = 1; day <= 12; ++day) {
    const std::string date = day_first ? two(day) + "/12/2010" : "12/" + two(day) + "/2010";
    for (unsigned line = 0; line < 3; ++line)
      text += std::to_string(invoice) + s + "SKU" + std::to_string(line) + s + "6" + s + date +
              " 08:26" + s + (sep == ';' ? "2,55" : "2.55") + "\n";
    ++invoice;
  }
  return text;
}

// Dates whose two parts are both drawn from 1..12, in no order: neither reading runs forward
// or moves in shorter steps. mt19937's output is fixed by the standard (its distributions are
// not), hence the plain modulo.
std::vector<std::pair<unsigned, unsigned>> shuffled_pairs(std::size_t n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::vector<std::pair<unsigned, unsigned>> out;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned a = gen() % 12 + 1;
    const unsigned b = gen() % 12 + 1;
    out.push_back({a, b});
  }
  return out;
}

std::string orders_file(const std::vector<std::string>& dates, char sep = ',',
                        bool decimal_comma = false) {
  const std::string s(1, sep);
  std::string text = "order_id" + s + "order_date" + s + "customer_id" + s + "sku" + s +
                     "quantity" + s + "unit_price\n";
  for (std::size_t i = 0; i < dates.size(); ++i)
    text += std::to_string(i + 1) + s + dates[i] + s + "C" + std::to_string(i % 7) + s + "A" + s +
            "1" + s + (decimal_comma ? "12,50" : "12.50") + "\n";
  return text;
}

std::vector<std::string> slash_dates(const std::vector<std::pair<unsigned, unsigned>>& pairs,
                                     int year = 2010) {
  std::vector<std::string> out;
  for (const auto& [a, b] : pairs)
    out.push_back(two(a) + "/" + two(b) + "/" + std::to_string(year));
  return out;
}

}  // namespace

TEST_CASE("a UK export of 1-12 December in date order is read day first, from the row order",
          "[ingest][dates]") {
  const Loaded uk = test::load_in_chunks("uk.csv", retail_december(true));
  const std::vector<std::string> days = days_of(uk);
  REQUIRE(days.size() == 36);
  CHECK(days.front() == "2010-12-01");
  CHECK(days[3] == "2010-12-02");
  CHECK(days.back() == "2010-12-12");
  CHECK(conv(uk, "date_order") == "DD/MM/YYYY");
  CHECK(conv(uk, "date_order_basis") == "row_order");
  CHECK(conv(uk, "InvoiceDate") == "DD/MM/YYYY (dates run forward in file order)");
  CHECK(guess_notes(uk) == 0);
  CHECK(conv(uk, "date_order_example").empty());
}

TEST_CASE("the same dates written month first (US) are read month first", "[ingest][dates]") {
  const Loaded us = test::load_in_chunks("us.csv", retail_december(false));
  const std::vector<std::string> days = days_of(us);
  REQUIRE(days.size() == 36);
  CHECK(days.front() == "2010-12-01");
  CHECK(days.back() == "2010-12-12");
  CHECK(conv(us, "date_order") == "MM/DD/YYYY");
  CHECK(conv(us, "date_order_basis") == "row_order");
  CHECK(guess_notes(us) == 0);
}

TEST_CASE("dates crossing a month end in order: the reading without the step back wins",
          "[ingest][dates]") {
  // 1..12 November then 1..12 December, day first: month first, 12 November reads as
  // 11 December and 1 December as 12 January, a step back.
  std::vector<std::string> dates;
  for (unsigned month : {11u, 12u})
    for (unsigned day = 1; day <= 12; ++day) dates.push_back(two(day) + "/" + two(month) + "/2010");
  const Loaded l = test::load_in_chunks("o.csv", orders_file(dates));
  CHECK(conv(l, "date_order") == "DD/MM/YYYY");
  CHECK(conv(l, "date_order_basis") == "row_order");
  CHECK(days_of(l)[12] == "2010-12-01");
}

TEST_CASE("dates of one short span in no order are read the way their steps are short",
          "[ingest][dates]") {
  // 60 orders of 1..12 December 2010 in shuffled order: day first they are days apart,
  // month first months apart.
  std::vector<std::string> dates;
  for (const auto& [a, b] : shuffled_pairs(60, 7)) {
    (void)b;
    dates.push_back(two(a) + "/12/2010");
  }
  const Loaded l = test::load_in_chunks("o.csv", orders_file(dates));
  CHECK(conv(l, "date_order") == "DD/MM/YYYY");
  CHECK(conv(l, "date_order_basis") == "step_size");
  CHECK(guess_notes(l) == 0);
  const std::vector<std::string> days = days_of(l);
  for (const std::string& d : days) CHECK(d.substr(0, 8) == "2010-12-");
}

TEST_CASE("dates in no order and of no short span: a month-first guess, said in a note",
          "[ingest][dates]") {
  const std::vector<std::string> dates = slash_dates(shuffled_pairs(400, 11));
  const Loaded l = test::load_in_chunks("o.csv", orders_file(dates));
  CHECK(conv(l, "date_order") == "MM/DD/YYYY");
  CHECK(conv(l, "date_order_basis") == "default_guess");
  CHECK(conv(l, "order_date") == "MM/DD/YYYY (US order: no value decided)");
  CHECK(conv(l, "date_order_example") == dates.front());
  REQUIRE(guess_notes(l) == 1);
  const Message& guess = l.report.notes.back();
  CHECK(param(guess, "field") == "order_date");
  CHECK(param(guess, "example") == dates.front());
  CHECK(param(guess, "order") == "mdy");
  CHECK(param(guess, "basis") == "default_guess");
  const std::string& note = guess.text;
  CHECK(note.find("order_date: dates like " + dates.front() + " read as MM/DD/YYYY") !=
        std::string::npos);
  CHECK(note.find("DD/MM/YYYY") != std::string::npos);  // what to switch to
  // Month first, as the note says.
  const auto [a, b] = shuffled_pairs(1, 11).front();
  CHECK(days_of(l).front() == "2010-" + two(a) + "-" + two(b));
}

TEST_CASE("a value over 12 on line 5000 decides, and the rows before are re-read",
          "[ingest][dates]") {
  std::vector<std::string> dates = slash_dates(shuffled_pairs(4998, 3));
  dates.push_back("25/06/2010");  // line 5000 (the header is line 1)
  const Loaded l = test::load_in_chunks("o.csv", orders_file(dates));
  CHECK(conv(l, "date_order") == "DD/MM/YYYY");
  CHECK(conv(l, "date_order_basis") == "value_over_12");
  CHECK(conv(l, "order_date") == "DD/MM/YYYY");
  CHECK(guess_notes(l) == 0);
  const std::vector<std::string> days = days_of(l);
  REQUIRE(days.size() == 4999);
  const auto pairs = shuffled_pairs(4998, 3);
  for (std::size_t i : {std::size_t{0}, std::size_t{999}, std::size_t{1000}, std::size_t{4997}})
    CHECK(days[i] == "2010-" + two(pairs[i].second) + "-" + two(pairs[i].first));
  CHECK(days.back() == "2010-06-25");
}

TEST_CASE("another date column decided by a value over 12 gives its order", "[ingest][dates]") {
  const auto created = shuffled_pairs(50, 5);
  std::string text = "deal_id,status,created_at,closed_at,amount\n";
  for (std::size_t i = 0; i < created.size(); ++i)
    text += "D" + std::to_string(i) + ",won," + two(created[i].first) + "/" +
            two(created[i].second) + "/2011," + (i == 20 ? "28/02/2012" : "05/01/2012") + ",100\n";
  const Loaded l = test::load_in_chunks("deals.csv", text);
  REQUIRE(l.report.role == "deals");
  CHECK(conv(l, "created_at") == "DD/MM/YYYY (as another date column)");
  CHECK(conv(l, "closed_at") == "DD/MM/YYYY");
  CHECK(guess_notes(l) == 0);
  const std::vector<std::string> days = days_of(l, Field::created_at);
  CHECK(days[0] == "2011-" + two(created[0].second) + "-" + two(created[0].first));
  CHECK(days_of(l, Field::closed_at)[0] == "2012-01-05");
}

TEST_CASE("';' and a decimal comma tip a file nothing else decides towards day first",
          "[ingest][dates]") {
  const std::vector<std::string> dates = slash_dates(shuffled_pairs(200, 13));
  const auto [a, b] = shuffled_pairs(1, 13).front();

  const Loaded europe = test::load_in_chunks("eu.csv", orders_file(dates, ';', true));
  CHECK(conv(europe, "date_order") == "DD/MM/YYYY");
  CHECK(conv(europe, "date_order_basis") == "file_conventions");
  CHECK(guess_notes(europe) == 1);  // still a guess: the page offers the swap
  CHECK(days_of(europe).front() == "2010-" + two(b) + "-" + two(a));

  // A decimal comma alone (quoted, in a ',' file) tips it too; a decimal point alone does not.
  std::string comma_only = "order_id,order_date,sku,unit_price\n";
  for (std::size_t i = 0; i < dates.size(); ++i)
    comma_only += std::to_string(i) + "," + dates[i] + ",A,\"3,25\"\n";
  CHECK(conv(test::load_in_chunks("c.csv", comma_only), "date_order_basis") == "file_conventions");
  const Loaded us = test::load_in_chunks("us.csv", orders_file(dates, ',', false));
  CHECK(conv(us, "date_order_basis") == "default_guess");
  CHECK(days_of(us).front() == "2010-" + two(a) + "-" + two(b));

  // The tie-breaker never overrides the rows: the December export with ';' and a month-first
  // date still reads month first.
  CHECK(conv(test::load_in_chunks("us2.csv", retail_december(false, ';')), "date_order") ==
        "MM/DD/YYYY");
}

TEST_CASE("a workspace's date format is the basis, and nothing is guessed", "[ingest][dates]") {
  FileOptions options;
  options.conventions.date_order = io::DateOrder::dmy;
  const std::vector<std::string> dates = slash_dates(shuffled_pairs(30, 17));
  const Loaded l = test::load_in_chunks("o.csv", orders_file(dates), 1 << 20, options);
  CHECK(conv(l, "date_order") == "DD/MM/YYYY");
  CHECK(conv(l, "date_order_basis") == "workspace");
  CHECK(guess_notes(l) == 0);
}

TEST_CASE("few dates decide weakly: the order is taken and the note still says it is a guess",
          "[ingest][dates]") {
  const Loaded l =
      test::load_in_chunks("o.csv", orders_file({"01/12/2010", "02/12/2010", "03/12/2010"}));
  CHECK(conv(l, "date_order") == "DD/MM/YYYY");
  CHECK(conv(l, "date_order_basis") == "row_order");
  CHECK(conv(l, "date_order_example") == "01/12/2010");
  REQUIRE(guess_notes(l) == 1);
  CHECK(l.report.notes.back().text.find("only 2 changes of date") != std::string::npos);
}

TEST_CASE("date order decisions do not depend on how the bytes are chunked", "[ingest][dates]") {
  std::vector<std::string> late = slash_dates(shuffled_pairs(700, 19));
  late.push_back("12/31/2010");
  const std::string files[] = {
      retail_december(true),
      retail_december(false, ';'),
      orders_file(slash_dates(shuffled_pairs(300, 23))),
      orders_file(slash_dates(shuffled_pairs(300, 23)), ';', true),
      orders_file(late),
  };
  for (const std::string& text : files) {
    const Loaded whole = test::load_in_chunks("f.csv", text);
    const std::vector<std::string> expected = days_of(whole);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
      const Loaded parts = test::load_in_chunks("f.csv", text, chunk);
      CHECK(days_of(parts) == expected);
      CHECK(parts.report.conventions == whole.report.conventions);
      CHECK(parts.report.notes == whole.report.notes);
    }
  }
}

TEST_CASE("evidence: a file sorted by customer, then date, decides by the sign test",
          "[ingest][dates]") {
  // 40 customers, each with its dates of November-December 2010 in order (days 1..12):
  // within a customer day first runs forward, month first steps back at each month change;
  // between customers both step back. Neither reading runs forward overall.
  DateOrderEvidence evidence;
  std::mt19937 gen(29);
  for (int customer = 0; customer < 40; ++customer) {
    const unsigned start = gen() % 6 + 1;
    for (unsigned month : {11u, 12u})
      for (unsigned day = start; day <= 12; day += 3) {
        const io::DateScan scan = io::scan_date(two(day) + "/" + two(month) + "/2010");
        REQUIRE(scan.ok);
        evidence.add(scan);
      }
  }
  CHECK(evidence.backward(io::DateOrder::dmy) * 20 > evidence.steps());  // not sorted overall
  CHECK(evidence.backward(io::DateOrder::dmy) < evidence.backward(io::DateOrder::mdy));
  const DateOrderEvidence::Verdict v = evidence.verdict();
  CHECK(v.order == io::DateOrder::dmy);
  CHECK(v.basis == DateOrderBasis::row_order);
  CHECK_FALSE(v.weak);
}

TEST_CASE("evidence: symmetric dates tell nothing", "[ingest][dates]") {
  // 01/01, 02/02, ...: the same day under both readings.
  DateOrderEvidence evidence;
  for (unsigned d = 1; d <= 12; ++d) evidence.add(io::scan_date(two(d) + "/" + two(d) + "/2010"));
  CHECK(evidence.steps() == 11);
  CHECK(evidence.backward(io::DateOrder::dmy) == 0);
  CHECK(evidence.distance(io::DateOrder::dmy) == evidence.distance(io::DateOrder::mdy));
  CHECK(evidence.verdict().order == io::DateOrder::unknown);
}
