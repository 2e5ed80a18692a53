// FileLoader's packed inputs: gzip (streamed through zlib) and zip workbooks (buffered, then
// read entry by entry), detected from the first bytes whatever the file's name. The workbook
// part API serves both the native zip reader below and the page, which unzips in JS.
#include <algorithm>
#include <new>

#include "file_loader_container.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/error_message.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/io/xlsx_workbook.h"
#include "pulse/message_codes.h"

namespace pulse::ingest {
namespace {

bool is_gzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
         static_cast<unsigned char>(head[1]) == 0x8B;
}

bool is_zip(std::string_view head) {
  // A local file header, or the end record of an empty archive.
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         head.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

}  // namespace

namespace {

/// The message of an error, with the file's name after the id when it lacks it.
std::string located(const PulseError& e, const std::string& file) {
  std::string text = e.what();
  const std::size_t after_id = text.find("] ");
  if (after_id != std::string::npos && text.compare(after_id + 2, file.size(), file) != 0)
    text.insert(after_id + 2, file + ": ");
  return text;
}

/// The workbook's sheets in the report, and the one read once it is known.
void list_sheets(LoadReport& report, const io::XlsxWorkbook& book, bool chosen) {
  report.sheets.clear();
  for (const io::XlsxSheet& s : book.sheets()) report.sheets.push_back(s.name);
  if (chosen && !book.sheets().empty()) report.sheet = book.sheet().name;
}

}  // namespace

bool FileLoader::unwrap(std::string_view bytes) {
  if (container_ && container_->kind == Container::Kind::plain) return false;
  if (!container_ && !options_.container.empty()) report_.container = options_.container;
#ifndef PULSE_HAVE_ZLIB
  // Without zlib (the wasm build) only the part API reads workbooks; packed bytes fed as they
  // are reach the sniffer, which refuses them (pulse.js decompresses before feeding).
  if (!container_) return false;
#endif
  if (!container_) container_ = std::make_unique<Container>();
  Container& c = *container_;
  // Bytes the container produced go through feed() as if they were the file.
  auto pass_on = [this](std::string_view plain) {
    unwrapping_ = true;
    const std::size_t fed = bytes_fed_;
    feed(plain);
    bytes_fed_ = fed;
    unwrapping_ = false;
  };
  try {
    std::string head;
    if (c.kind == Container::Kind::undecided) {
      const std::size_t need = 4 - c.magic.size();
      c.magic.append(bytes.substr(0, need));
      bytes.remove_prefix(std::min(need, bytes.size()));
      if (c.magic.size() < 4) return true;
      head = std::move(c.magic);
      c.magic.clear();
#ifdef PULSE_HAVE_ZLIB
      if (is_gzip(head)) {
        c.kind = Container::Kind::gzip;
        c.gzip = std::make_unique<io::GzipInflater>(report_.file);
        report_.container = "gzip";
      } else if (is_zip(head)) {
        c.kind = Container::Kind::zip;
        report_.container = "zip";
      }
#endif
      if (c.kind == Container::Kind::undecided) {
        c.kind = Container::Kind::plain;
        feed(head);  // plain text: unwrap() now steps aside
        if (!bytes.empty()) feed(bytes);
        return true;
      }
    }
    bytes_fed_ += head.size() + bytes.size();
    switch (c.kind) {
#ifdef PULSE_HAVE_ZLIB
      case Container::Kind::gzip:
        c.gzip->feed(head, pass_on);
        c.gzip->feed(bytes, pass_on);
        break;
#endif
      case Container::Kind::zip:
        c.zip.append(head);
        c.zip.append(bytes);
        break;
      case Container::Kind::parts:
        throw PulseError(
            ids::kWorkbookFedAsBytes,
            report_.file + ": a workbook given by parts takes part_data(), not feed()");
      default:
        break;
    }
  } catch (const PulseError& e) {
    fail(located(e, report_.file));
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory");
  }
  return true;
}

void FileLoader::finish_container() {
  Container& c = *container_;
  try {
    switch (c.kind) {
      case Container::Kind::undecided: {  // shorter than 4 bytes: whatever it is, it is not packed
        c.kind = Container::Kind::plain;
        const std::string head = std::move(c.magic);
        feed(head);
        break;
      }
      case Container::Kind::plain:
        break;
#ifdef PULSE_HAVE_ZLIB
      case Container::Kind::gzip:
        if (!failed_) c.gzip->finish();
        c.gzip.reset();
        break;
      case Container::Kind::zip: {
        if (failed_) break;
        const std::string bytes = std::move(c.zip);
        c.zip.clear();
        io::ZipArchive zip(report_.file, bytes);
        begin_parts();
        for (std::string name; !(name = wanted_part()).empty();) {
          if (!zip.has(name)) {
            part_missing();
            continue;
          }
          zip.extract(name, [this](std::string_view data) { part_data(data); });
          part_end();
        }
        break;
      }
#endif
      case Container::Kind::parts:
        if (!failed_ && !c.sheet_done) {
          const std::string wanted = wanted_part();
          throw PulseError(ids::kXlsxPartsEnded,
                           report_.file + ": the workbook ended before " +
                               (wanted.empty() ? std::string("its sheet") : wanted) + " was given");
        }
        break;
      default:
        break;
    }
  } catch (const PulseError& e) {
    fail(located(e, report_.file));
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory");
  }
}

void FileLoader::begin_parts() {
  if (failed_ || finished_) return;
  if (!container_) container_ = std::make_unique<Container>();
  Container& c = *container_;
  c.kind = Container::Kind::parts;
  c.book = std::make_unique<io::XlsxWorkbook>(options_.sheet);
  report_.format = "xlsx";
  report_.container = "zip";
}

std::string FileLoader::wanted_part() const {
  if (failed_ || finished_ || !container_ || !container_->book) return {};
  const io::XlsxWorkbook& book = *container_->book;
  if (book.wants_part()) return book.wanted_part();
  // No sheet (a workbook refused while its parts were read): nothing more is wanted.
  if (container_->sheet_done || book.sheets().empty()) return {};
  return book.sheet_part();
}

void FileLoader::part_data(std::string_view bytes) {
  if (failed_ || finished_ || !container_ || !container_->book) return;
  Container& c = *container_;
  try {
    if (c.book->wants_part()) {
      c.part.append(bytes);
      return;
    }
    if (c.sheet_done) return;
    if (!c.sheet_begun) {
      c.sheet_begun = true;
      c.book->begin_sheet(start_records());
    }
    c.book->feed_sheet(bytes);
  } catch (const PulseError& e) {
    fail(located(e, report_.file));
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory after " +
         std::to_string(report_.rows_read) + " rows");
  }
}

void FileLoader::part_end() {
  if (failed_ || finished_ || !container_ || !container_->book) return;
  Container& c = *container_;
  try {
    if (c.book->wants_part()) {
      const std::string part = std::move(c.part);
      c.part.clear();
      try {
        c.book->give_part(part);
      } catch (const PulseError&) {
        list_sheets(report_, *c.book, false);  // a sheet that is not there: list those that are
        throw;
      }
      if (!c.book->wants_part()) list_sheets(report_, *c.book, true);
      return;
    }
    if (c.sheet_done) return;
    if (!c.sheet_begun) {
      c.sheet_begun = true;
      c.book->begin_sheet(start_records());
    }
    c.book->finish_sheet();
    c.sheet_done = true;
    if (const std::size_t n = c.book->cells_outside_header(); n > 0)
      report_.notes.push_back(Message(ids::kNoteCellsOutside,
                                      std::to_string(n) + (n == 1 ? " cell" : " cells") +
                                          " beside the header's columns ignored (the first at " +
                                          c.book->first_cell_outside_header() + ")")
                                  .count("n", n)
                                  .param("cell", c.book->first_cell_outside_header()));
  } catch (const PulseError& e) {
    fail(located(e, report_.file));
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory");
  }
}

void FileLoader::part_missing() {
  if (failed_ || finished_ || !container_ || !container_->book) return;
  Container& c = *container_;
  try {
    if (c.book->wants_part()) {
      c.part.clear();
      c.book->part_missing();
      if (!c.book->wants_part()) list_sheets(report_, *c.book, true);
      return;
    }
    if (!c.sheet_done)
      throw PulseError(ids::kXlsxSheetPartMissing, "the sheet '" + c.book->sheet().name +
                                                       "' has no " + c.book->sheet_part() +
                                                       " in the archive");
  } catch (const PulseError& e) {
    fail(located(e, report_.file));
  }
}

void FileLoader::refuse(const std::string& message) {
  if (!failed_ && !finished_) fail(message);
}

}  // namespace pulse::ingest
