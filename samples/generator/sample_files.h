// Writes the world and its documents as the committed sample files (see samples/README.md).
#ifndef B2B_PULSE_SAMPLES_GENERATOR_SAMPLE_FILES_H_
#define B2B_PULSE_SAMPLES_GENERATOR_SAMPLE_FILES_H_

#include <string>
#include <vector>

#include "orders.h"
#include "quotes.h"
#include "world.h"

namespace samplegen {

// Each returns false if the file could not be written completely.
bool WriteSalesReps(const World& world, const std::string& path);
bool WriteCatalogPrices(const World& world, const std::string& path);
bool WriteCustomers(const World& world, const std::string& path);
bool WriteOrders(const World& world, const std::vector<Order>& orders, const std::string& path);
bool WriteOrderLines(const World& world, const std::vector<Order>& orders, const std::string& path);
// Negotiable quotes (role `deals`) in order of creation.
bool WriteQuotes(const World& world, const std::vector<Quote>& quotes, const std::string& path);
// Their status changes (role `deal_events`), chronological, ties by quote id.
bool WriteQuoteHistory(const std::vector<Quote>& quotes, const std::string& path);
// SPEC section 5 workspace naming the seven files and default settings; columns auto-detected
// except the quote columns whose names the detector cannot know (deal_id, amount, ...).
bool WriteWorkspace(const std::string& path);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_SAMPLE_FILES_H_
