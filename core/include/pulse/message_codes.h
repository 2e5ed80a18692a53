#pragma once

// The codes of what the engine says that is not an error: notes on how a file was read,
// warnings about the data behind the figures, and why a dashboard is unavailable. Each message
// carries its code, named params and an English text (pulse/model/message.h); the page words
// the code in its language (web/src/strings/engine-messages.js) and docs/errors.md lists them.
// tests/web/error-ids.test.mjs fails when one of these has no wording or no entry in the docs.

namespace pulse::ids {

// --- Notes on how a file was read (LoadReport::notes) --------------------------------------
inline constexpr char kNoteNoQuantity[] = "pulse.note.001";         // each line counts as 1 unit
inline constexpr char kNoteLateColumn[] = "pulse.note.002";         // column, line, field
inline constexpr char kNoteBadEncoding[] = "pulse.note.003";        // n, encoding
inline constexpr char kNoteCellsOutside[] = "pulse.note.004";       // n, cell
inline constexpr char kNoteQuietSkips[] = "pulse.note.005";         // n, field, role
inline constexpr char kNoteDateGuess[] = "pulse.note.006";          // field, example, order, basis
inline constexpr char kNoteSummaryTable[] = "pulse.note.007";       // read as it was written
inline constexpr char kNoteNamedColumnAbsent[] = "pulse.note.008";  // column, field (JSON)

// --- Warnings about the data behind the figures (report "warnings") ------------------------
inline constexpr char kWarnLinesNoDate[] = "pulse.warning.001";         // n
inline constexpr char kWarnOrdersNoLines[] = "pulse.warning.002";       // n
inline constexpr char kWarnChildItems[] = "pulse.warning.003";          // n
inline constexpr char kWarnRepeatedDeals[] = "pulse.warning.004";       // n
inline constexpr char kWarnOrphanEvents[] = "pulse.warning.005";        // n
inline constexpr char kWarnUndatedClosed[] = "pulse.warning.006";       // n
inline constexpr char kWarnOrphanSummaryItems[] = "pulse.warning.007";  // n (summary tables)
inline constexpr char kWarnUnknownSetting[] = "pulse.warning.008";      // name (settings)

// --- Why a dashboard is unavailable ({"unavailable": text, "code", "params"}) ---------------
inline constexpr char kNoDealsLoaded[] = "pulse.unavailable.001";    // negotiations
inline constexpr char kNoDealsOrOrders[] = "pulse.unavailable.002";  // sales team
inline constexpr char kNoDatedDealOrOrder[] = "pulse.unavailable.003";
inline constexpr char kNoDatedOrder[] = "pulse.unavailable.004";      // customers
inline constexpr char kNoOrdersLoaded[] = "pulse.unavailable.005";    // customers
inline constexpr char kOnlyOrderHeaders[] = "pulse.unavailable.006";  // catalogs
inline constexpr char kNoOrderLines[] = "pulse.unavailable.007";      // catalogs

// --- Why a column feeds a field (load "mapping_reason_codes") ----------------------------------
inline constexpr char kMappedByWorkspace[] = "pulse.mapping.001";    // set in the workspace
inline constexpr char kMappedByHeader[] = "pulse.mapping.002";       // header, field
inline constexpr char kMappedAsIdFallback[] = "pulse.mapping.003";   // field, from
inline constexpr char kMappedByDateValues[] = "pulse.mapping.004";   // header
inline constexpr char kMappedByKnownExport[] = "pulse.mapping.005";  // source

// --- Why the text reads in its encoding (load "encoding_reason_code") -------------------------
inline constexpr char kEncodingByteOrderMark[] = "pulse.encoding.001";  // mark, encoding
inline constexpr char kEncodingContainer[] = "pulse.encoding.002";      // a compressed container
inline constexpr char kEncodingZeroBytes[] = "pulse.encoding.003";    // encoding (UTF-16 unmarked)
inline constexpr char kEncodingNulBytes[] = "pulse.encoding.004";     // not text
inline constexpr char kEncodingNoBytes[] = "pulse.encoding.005";      // an empty file
inline constexpr char kEncodingAsciiHead[] = "pulse.encoding.006";    // bytes (the head so far)
inline constexpr char kEncodingValidUtf8[] = "pulse.encoding.007";    // n non-ASCII characters
inline constexpr char kEncodingStrayBytes[] = "pulse.encoding.008";   // n, invalid
inline constexpr char kEncodingCyrillic[] = "pulse.encoding.009";     // n, example
inline constexpr char kEncodingWestern[] = "pulse.encoding.010";      // n, example
inline constexpr char kEncodingAllAscii[] = "pulse.encoding.011";     // bytes (the whole file)
inline constexpr char kEncodingAsciiThen[] = "pulse.encoding.012";    // bytes, encoding
inline constexpr char kEncodingByWorkspace[] = "pulse.encoding.013";  // set in the workspace

// --- How a column's values read (load "convention_codes") --------------------------------------
inline constexpr char kConventionMark[] = "pulse.convention.001";         // mark (decided)
inline constexpr char kConventionMarkDefault[] = "pulse.convention.002";  // mark (no value told)
inline constexpr char kConventionDateShape[] = "pulse.convention.003";    // format
inline constexpr char kConventionDateOrder[] = "pulse.convention.004";    // order (sure)
inline constexpr char kConventionDateGuess[] = "pulse.convention.005";    // order, basis

}  // namespace pulse::ids
