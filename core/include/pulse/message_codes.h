#pragma once

// The codes of what the engine says that is not an error: notes on how a file was read,
// warnings about the data behind the figures, and why a dashboard is unavailable. Each message
// carries its code, named params and an English text (pulse/model/message.h); the page words
// the code in its language (web/src/strings/engine-messages.js) and docs/errors.md lists them.
// tests/web/error-ids.test.mjs fails when one of these has no wording or no entry in the docs.

namespace pulse::ids {

// --- Notes on how a file was read (LoadReport::notes) --------------------------------------
inline constexpr char kNoteNoQuantity[] = "pulse.note.001";    // each line counts as 1 unit
inline constexpr char kNoteLateColumn[] = "pulse.note.002";    // column, line, field
inline constexpr char kNoteBadEncoding[] = "pulse.note.003";   // n, encoding
inline constexpr char kNoteCellsOutside[] = "pulse.note.004";  // n, cell
inline constexpr char kNoteQuietSkips[] = "pulse.note.005";    // n, field, role
inline constexpr char kNoteDateGuess[] = "pulse.note.006";     // field, example, order, basis
inline constexpr char kNoteSummaryTable[] = "pulse.note.007";  // read as it was written

// --- Warnings about the data behind the figures (report "warnings") ------------------------
inline constexpr char kWarnLinesNoDate[] = "pulse.warning.001";         // n
inline constexpr char kWarnOrdersNoLines[] = "pulse.warning.002";       // n
inline constexpr char kWarnChildItems[] = "pulse.warning.003";          // n
inline constexpr char kWarnRepeatedDeals[] = "pulse.warning.004";       // n
inline constexpr char kWarnOrphanEvents[] = "pulse.warning.005";        // n
inline constexpr char kWarnUndatedClosed[] = "pulse.warning.006";       // n
inline constexpr char kWarnOrphanSummaryItems[] = "pulse.warning.007";  // n (summary tables)

// --- Why a dashboard is unavailable ({"unavailable": text, "code", "params"}) ---------------
inline constexpr char kNoDealsLoaded[] = "pulse.unavailable.001";    // negotiations
inline constexpr char kNoDealsOrOrders[] = "pulse.unavailable.002";  // sales team
inline constexpr char kNoDatedDealOrOrder[] = "pulse.unavailable.003";
inline constexpr char kNoDatedOrder[] = "pulse.unavailable.004";      // customers
inline constexpr char kNoOrdersLoaded[] = "pulse.unavailable.005";    // customers
inline constexpr char kOnlyOrderHeaders[] = "pulse.unavailable.006";  // catalogs
inline constexpr char kNoOrderLines[] = "pulse.unavailable.007";      // catalogs

}  // namespace pulse::ids
