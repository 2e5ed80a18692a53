#include <cstdio>
#include <string>

#include "commands.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/model/dataset.h"
#include "pulse/report/workspace_loader.h"

namespace pulse::cli {
namespace {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void print_report(const LoadReport& r) {
  std::printf("%s\n", r.file.c_str());
  if (!r.format.empty())
    std::printf("  format       %s%s%s\n",
                r.format == "csv"    ? "CSV"
                : r.format == "xlsx" ? "Excel workbook (xlsx)"
                                     : "JSON",
                r.delimiter.empty() ? "" : (", delimiter '" + r.delimiter + "'").c_str(),
                r.container == "gzip" ? ", gzip-compressed (detected from its first bytes)" : "");
  if (r.format == "xlsx") {
    std::string sheets;
    for (const std::string& s : r.sheets) sheets += (sheets.empty() ? "'" : ", '") + s + "'";
    std::printf("  sheet        %s%s\n", r.sheet.empty() ? "(none)" : ("'" + r.sheet + "'").c_str(),
                r.sheets.size() > 1
                    ? (" of " + sheets + " (choose with \"sheet\" in the workspace)").c_str()
                    : "");
  }
  if (!r.encoding.empty())
    std::printf("  encoding     %s%s\n", r.encoding.c_str(),
                r.encoding_reason.empty() ? "" : (" (" + r.encoding_reason + ")").c_str());
  std::printf("  role         %s\n", r.role.empty() ? "(none)" : r.role.c_str());
  if (!r.recognized_as.empty()) std::printf("  recognized   %s\n", r.recognized_as.c_str());
  std::printf("  rows         %s read, %s loaded, %s skipped\n",
              with_thousands(r.rows_read).c_str(), with_thousands(r.rows_loaded).c_str(),
              with_thousands(r.rows_skipped).c_str());
  if (!r.error.empty()) std::printf("  error        %s\n", r.error.c_str());
  if (r.partial())
    std::printf("  stopped      at line %zu, after %s rows were loaded: %s\n", r.stopped_line,
                with_thousands(r.rows_loaded).c_str(), r.stopped.c_str());
  if (!r.mapping.empty()) {
    // In the file's own column order: what each column feeds, and why.
    std::printf("  columns\n");
    for (const std::string& column : r.columns) {
      std::string fields, why;
      for (const auto& [field, source] : r.mapping) {
        if (source != column) continue;
        fields += (fields.empty() ? "" : ", ") + field;
        auto reason = r.mapping_reasons.find(field);
        if (why.empty() && reason != r.mapping_reasons.end()) why = reason->second;
      }
      std::printf("    %-28s -> %-16s %s\n", ("'" + column + "'").c_str(),
                  fields.empty() ? "(not used)" : fields.c_str(), why.c_str());
    }
  }
  if (!r.conventions.empty()) {
    std::printf("  conventions\n");
    for (const auto& [column, how] : r.conventions)
      std::printf("    %-28s %s\n", ("'" + column + "'").c_str(), how.c_str());
  }
  for (const Message& note : r.notes) std::printf("  note         %s\n", note.text.c_str());
  if (!r.problems.empty()) {
    std::printf("  problems (first %zu of %s skipped rows)\n",
                r.problems.size() < 10 ? r.problems.size() : 10,
                with_thousands(r.rows_skipped).c_str());
    for (std::size_t i = 0; i < r.problems.size() && i < 10; ++i)
      std::printf("    %s\n", r.problems[i].to_string().c_str());
  }
  std::printf("\n");
}

}  // namespace

int run_inspect(const Args& args) {
  if (args.files.empty()) throw UsageError{"inspect needs at least one file"};
  bool any = false;
  for (const std::string& path : args.files) {
    Dataset dataset;
    const LoadReport r = ingest::load_path(dataset, path, report::base_name(path));
    print_report(r);
    any = any || r.rows_loaded > 0;
  }
  return any ? 0 : 1;
}

}  // namespace pulse::cli
