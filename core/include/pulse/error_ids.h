#pragma once

// Every id the engine, the CLI, the wasm binding and wasm/pulse.js can report, one per
// condition, each explained for users in docs/errors.md. Code names the constant, never the
// literal: tests/web/error-ids.test.mjs fails when an id is used that is not listed here, when
// one listed here is missing from docs/errors.md, and when the page cannot word a row problem.
//
// An id keeps its meaning once published: a condition that moves gets a new id, never an old
// one. Ids are "pulse.<area>.<number>"; the areas are below.

namespace pulse::ids {

// --- A file refused before its rows are read (ingest) --------------------------------------
inline constexpr char kEmptyFile[] = "pulse.ingest.001";           // nothing but blank lines
inline constexpr char kBinaryFile[] = "pulse.ingest.002";          // not text, not JSON
inline constexpr char kGzipNotInflated[] = "pulse.ingest.003";     // gzip bytes given as text
inline constexpr char kCannotOpen[] = "pulse.ingest.004";          // the path cannot be opened
inline constexpr char kOutOfMemory[] = "pulse.ingest.005";         // more than the machine holds
inline constexpr char kInflationLimit[] = "pulse.ingest.006";      // a decompression bomb
inline constexpr char kNoHeaderRow[] = "pulse.ingest.007";         // a table without column names
inline constexpr char kNoJsonObject[] = "pulse.ingest.008";        // JSON with no object of fields
inline constexpr char kWorkbookFedAsBytes[] = "pulse.ingest.009";  // parts API misused
inline constexpr char kZipGivenAsText[] = "pulse.ingest.010";      // zip bytes given as text
inline constexpr char kNoRoleFits[] = "pulse.ingest.101";          // no role's fields are there
inline constexpr char kNamedColumnMissing[] = "pulse.ingest.102";  // workspace names a column
inline constexpr char kRoleFieldsMissing[] = "pulse.ingest.103";   // chosen role lacks fields

// --- Containers: gzip and zip --------------------------------------------------------------
inline constexpr char kGzipCorrupt[] = "pulse.gzip.001";
inline constexpr char kGzipTruncated[] = "pulse.gzip.002";
inline constexpr char kGzipNoDecompressor[] = "pulse.gzip.003";  // pulse.js: browser too old
inline constexpr char kZipUnreadable[] = "pulse.zip.001";        // damaged, encrypted, method
inline constexpr char kZipNoUnzip[] = "pulse.zip.002";           // pulse.js: no unzip given

// --- Excel workbooks -----------------------------------------------------------------------
inline constexpr char kXlsxNoWorksheet[] = "pulse.xlsx.001";
inline constexpr char kXlsxNoSuchSheet[] = "pulse.xlsx.002";
inline constexpr char kXlsxBadXml[] = "pulse.xlsx.003";
inline constexpr char kXlsxNotWorkbook[] = "pulse.xlsx.004";     // a zip without a workbook
inline constexpr char kXlsxNoWorkbookRels[] = "pulse.xlsx.005";  // sheets cannot be found
inline constexpr char kXlsxSheetPartMissing[] = "pulse.xlsx.006";
inline constexpr char kXlsxPartsEnded[] = "pulse.xlsx.007";  // parts ended before the sheet

// --- Readers: a file stopped part way (rows before it are kept) ---------------------------
inline constexpr char kCsvFieldTooLong[] = "pulse.csv.003";
inline constexpr char kJsonNotRecords[] = "pulse.json.001";
inline constexpr char kJsonRecordTooLong[] = "pulse.json.002";

// --- Row problems: one row skipped, the file goes on (LoadReport::problems) ----------------
inline constexpr char kRowBadNumber[] = "pulse.row.001";
inline constexpr char kRowNumberOtherMark[] = "pulse.row.002";  // not the column's decimal mark
inline constexpr char kRowBadDate[] = "pulse.row.003";
inline constexpr char kRowDateOtherOrder[] = "pulse.row.004";  // not the column's day order
inline constexpr char kRowMissingValue[] = "pulse.row.005";    // a required field is empty
inline constexpr char kRowNoPrice[] = "pulse.row.006";         // neither unit_price nor total
inline constexpr char kRowQuoteSkipped[] = "pulse.row.007";    // reading resumes after its line
inline constexpr char kRowQuoteAtEnd[] = "pulse.row.008";      // a quote open at the file end
inline constexpr char kRowFieldCount[] = "pulse.row.009";
inline constexpr char kRowJsonTruncated[] = "pulse.row.010";   // a record, array or object
inline constexpr char kRowJsonUnexpected[] = "pulse.row.011";  // a byte where a record begins
inline constexpr char kRowJsonNotClosed[] = "pulse.row.012";   // before the next record
inline constexpr char kRowJsonLineBreak[] = "pulse.row.013";   // inside a string (NDJSON)
inline constexpr char kRowJsonNotObject[] = "pulse.row.014";
inline constexpr char kRowJsonInvalid[] = "pulse.row.015";
inline constexpr char kRowXlsxNoSharedString[] = "pulse.row.016";
inline constexpr char kRowNulByte[] = "pulse.row.017";  // binary data inside a text field

// --- Workspace and settings ----------------------------------------------------------------
inline constexpr char kWorkspaceCannotOpen[] = "pulse.config.001";
inline constexpr char kWorkspaceNotJson[] = "pulse.config.002";
inline constexpr char kWorkspaceNotObject[] = "pulse.config.100";
inline constexpr char kWorkspaceBadEntry[] = "pulse.config.101";
inline constexpr char kSettingsNotObject[] = "pulse.config.200";
inline constexpr char kSettingBad[] = "pulse.config.201";

// --- The engine's session (feed before beginFile) ------------------------------------------
inline constexpr char kEngineNoFile[] = "pulse.engine.001";

// --- The command line ----------------------------------------------------------------------
inline constexpr char kCliUsage[] = "pulse.cli.001";
inline constexpr char kCliNothingLoaded[] = "pulse.cli.002";
inline constexpr char kCliCannotWrite[] = "pulse.cli.003";
inline constexpr char kCliOutOfMemory[] = "pulse.cli.004";  // std::bad_alloc: not a bug
inline constexpr char kCliUnexpected[] = "pulse.cli.999";

// --- Summary tables (docs/summaries.md) and files the engine does not read -----------------
inline constexpr char kSummaryDoubleCount[] = "pulse.summary.001";  // raw orders + summaries
inline constexpr char kParquetNotRead[] = "pulse.ingest.011";       // PAR1: convert to CSV first
inline constexpr char kPackedRowsMalformed[] = "pulse.ingest.012";  // add_packed_rows: caller bug
inline constexpr char kParquetUnreadable[] = "pulse.parquet.001";   // the page: hyparquet failed
inline constexpr char kParquetReaderNotLoaded[] = "pulse.parquet.002";  // the page: no reader

// --- The WebAssembly binding (wasm/binding.cpp) and its JavaScript API (wasm/pulse.js) ----
inline constexpr char kWasmUnexpected[] = "pulse.wasm.001";
inline constexpr char kWasmOutOfMemory[] = "pulse.wasm.002";
inline constexpr char kWasmBadJson[] = "pulse.wasm.003";
inline constexpr char kWasmNoFileBegun[] = "pulse.wasm.004";
inline constexpr char kWasmFileStillLoading[] = "pulse.wasm.005";
inline constexpr char kWasmBadArgument[] = "pulse.wasm.006";  // pulse.js
inline constexpr char kWasmDisposed[] = "pulse.wasm.007";     // pulse.js
inline constexpr char kWasmCallFailed[] = "pulse.wasm.008";   // pulse.js
inline constexpr char kWasmNoModule[] = "pulse.wasm.009";     // pulse.js
inline constexpr char kWasmCancelled[] = "pulse.wasm.010";    // pulse.js: a load cancelled
inline constexpr char kWasmStaleList[] = "pulse.wasm.011";    // pulse.js: a kept list replaced

}  // namespace pulse::ids
