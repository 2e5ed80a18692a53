#pragma once
// FileLoader's state for packed inputs (file_loader_containers.cpp); here so that the
// loader's destructor in file_loader.cpp sees the whole type.

#include <memory>
#include <string>

#include "pulse/ingest/file_loader.h"
#include "pulse/io/xlsx_workbook.h"

#ifdef PULSE_HAVE_ZLIB
#include "../io/zlib_containers.h"
#endif

namespace pulse::ingest {

class FileLoader::Container {
 public:
  enum class Kind : unsigned char { undecided, plain, gzip, zip, parts };
  Kind kind = Kind::undecided;
  std::string magic;  // the first bytes, until they say what the file is
#ifdef PULSE_HAVE_ZLIB
  std::unique_ptr<io::GzipInflater> gzip;
#endif
  std::string zip;  // the whole archive: its directory is at the end
  std::unique_ptr<io::XlsxWorkbook> book;
  std::string part;  // the workbook part being received
  bool sheet_begun = false;
  bool sheet_done = false;
};

}  // namespace pulse::ingest
