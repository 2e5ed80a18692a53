#include "names.h"

namespace samplegen {

const RepSeed kReps[kRepCount] = {
    {"Jonas Weber", "Claudia Brandt", "North"},     {"Lena Hartmann", "Claudia Brandt", "North"},
    {"Pieter de Graaf", "Claudia Brandt", "North"}, {"Sophie Albers", "Claudia Brandt", "North"},
    {"Markus Huber", "Thomas Reiter", "South"},     {"Elena Rossi", "Thomas Reiter", "South"},
    {"David Kovač", "Thomas Reiter", "South"},      {"Anna Gruber", "Thomas Reiter", "South"},
};

// Short names on purpose: every order line repeats product name and category.
const char* const kCategories[kCategoryCount] = {
    "Paper", "Writing", "Filing", "Ink & Toner", "Cleaning", "Safety", "Packaging", "Tools",
};

const ProductSeed kProducts[kProductCount] = {
    // Paper: SKU-0001..0015
    {"Copy Paper A4 80g", 5.49},
    {"Copy Paper A4 Box 5x500", 24.90},
    {"Copy Paper A3 80g", 10.90},
    {"Recycled Paper A4", 5.99},
    {"Premium Paper A4 100g", 8.90},
    {"Colour Paper A4 Mix", 9.50},
    {"Envelopes DL x1000", 27.90},
    {"Envelopes C4 x250", 29.90},
    {"Envelopes C5 x500", 24.50},
    {"Sticky Notes 76x76 x12", 14.90},
    {"Notebook A4 Ruled", 3.20},
    {"Notepad A5 Squared", 1.90},
    {"Flipchart Pad x5", 34.90},
    {"Label Sheets A4 x100", 19.90},
    {"Thermal Rolls 57mm x50", 22.50},
    // Writing: SKU-0016..0030
    {"Ballpoint Pen Blue x50", 12.90},
    {"Gel Pen Black x12", 9.90},
    {"Fineliner Set x10", 8.50},
    {"Highlighter Set x4", 4.20},
    {"Permanent Marker x10", 11.90},
    {"Whiteboard Marker x4", 5.60},
    {"Pencil HB x12", 3.90},
    {"Mechanical Pencil 0.5", 4.50},
    {"Eraser x20", 6.80},
    {"Correction Tape x10", 17.50},
    {"Ink Cartridges x30", 6.20},
    {"Rollerball Pen x12", 19.90},
    {"Marker Refill Ink", 6.90},
    {"Pen Holder Mesh", 4.90},
    {"Pen Gift Set", 39.00},
    // Filing: SKU-0031..0045 (SKU-0042 carries the planted price elasticity)
    {"Lever Arch File 80mm", 3.50},
    {"Lever Arch File 50mm", 3.30},
    {"Ring Binder A4 2R", 2.40},
    {"Suspension Files x25", 18.90},
    {"Punched Pockets x100", 6.90},
    {"Clear Folders x100", 12.50},
    {"Box File A4", 4.80},
    {"Archive Box x10", 19.50},
    {"Dividers A-Z", 3.90},
    {"Index Tabs 1-31", 4.60},
    {"Desk Organiser", 14.90},
    {"Lever Arch File x10", 28.90},
    {"Hanging File Frame", 24.90},
    {"Filing Cabinet 4-Drawer", 249.00},
    {"Label Tape 12mm x5", 39.90},
    // Ink & Toner: SKU-0046..0060
    {"Toner HP 26A", 119.00},
    {"Toner HP 59X", 229.00},
    {"Toner Brother TN-2420", 79.90},
    {"Toner Kyocera TK-5240", 139.00},
    {"Ink Canon PG-545", 19.90},
    {"Ink Epson 603XL Set", 49.90},
    {"Drum Unit DR-2400", 109.00},
    {"Toner Lexmark 56F2", 169.00},
    {"Toner Samsung D116L", 89.90},
    {"Ink HP 305 Tricolour", 17.90},
    {"Toner Ricoh C3003", 129.00},
    {"Maintenance Kit", 189.00},
    {"Ribbon Zebra 110mm", 12.50},
    {"Printhead Cleaning Kit", 24.90},
    {"Toner Xerox 6510 Set", 319.00},
    // Cleaning: SKU-0061..0075
    {"Paper Towels x15", 29.90},
    {"Toilet Paper x48", 32.90},
    {"Hand Soap 5L", 14.90},
    {"Disinfectant 1L", 6.90},
    {"Surface Cleaner 5L", 17.50},
    {"Bin Bags 120L x250", 34.90},
    {"Microfibre Cloth x10", 12.90},
    {"Floor Cleaner 10L", 29.90},
    {"Dishwasher Tabs x100", 19.90},
    {"Hand Sanitiser 500ml", 5.90},
    {"Mop Set Pro", 59.00},
    {"Sponge Scourer x10", 4.90},
    {"Towel Dispenser", 39.90},
    {"Air Freshener x6", 16.90},
    {"Glass Cleaner 1L", 4.50},
    // Safety: SKU-0076..0090
    {"Nitrile Gloves x100", 9.90},
    {"Safety Glasses", 6.50},
    {"Ear Plugs x200", 24.90},
    {"Hi-Vis Vest", 4.90},
    {"Safety Shoes S3", 69.00},
    {"Hard Hat White", 12.90},
    {"FFP2 Masks x20", 11.90},
    {"First Aid Kit DIN", 39.90},
    {"Work Gloves x12", 29.90},
    {"Eye Wash Station", 49.00},
    {"Fire Extinguisher 6kg", 79.00},
    {"Warning Tape 100m", 7.90},
    {"Knee Pads", 19.90},
    {"Cut-Resistant Gloves x6", 34.90},
    {"Safety Sign Set", 29.90},
    // Packaging: SKU-0091..0105
    {"Packing Tape x36", 39.90},
    {"Box 40x30x20 x25", 32.50},
    {"Box 60x40x40 x20", 44.90},
    {"Stretch Film 23my", 14.90},
    {"Bubble Wrap 1x50m", 24.90},
    {"Padded Envelope C4 x100", 29.90},
    {"Void Fill Paper", 39.90},
    {"Tape Dispenser", 12.90},
    {"Strapping Kit", 89.00},
    {"Pallet Labels x500", 19.90},
    {"Shipping Labels x1000", 27.90},
    {"Mailing Tube x25", 34.90},
    {"Cable Ties x1000", 14.90},
    {"Stretch Film Dispenser", 29.90},
    {"Fragile Tape x36", 49.90},
    // Tools: SKU-0106..0120
    {"Cutter Knife 18mm", 3.90},
    {"Blades 18mm x100", 14.90},
    {"Screw Assortment", 19.90},
    {"Wall Plugs x500", 16.90},
    {"Cordless Drill 18V", 149.00},
    {"Drill Bit Set 19pc", 24.90},
    {"Tape Measure 5m", 8.90},
    {"Screwdriver Set 6pc", 21.90},
    {"Cable Drum 25m", 49.90},
    {"AA Batteries x24", 17.90},
    {"AAA Batteries x24", 16.90},
    {"LED Torch", 14.90},
    {"Spirit Level 60cm", 18.90},
    {"Step Ladder 3x7", 159.00},
    {"Multi-Oil Spray 400ml", 7.90},
};

const char* const kGermanSurnames[] = {
    "Berger",  "Klein",    "Hoffmann", "Schröder",   "Wagner",   "Becker",  "Schulz",
    "Krause",  "Neumann",  "Wolf",     "Zimmermann", "Braun",    "Hofmann", "Lange",
    "Krüger",  "Werner",   "Lehmann",  "Köhler",     "Maier",    "Fuchs",   "Vogt",
    "Kaiser",  "Brandl",   "Steiner",  "Moser",      "Pichler",  "Haas",    "Eder",
    "Lindner", "Seidl",    "Ebner",    "Wimmer",     "Albrecht", "Engel",   "Frank",
    "Günther", "Herrmann", "Jäger",    "Kuhn",       "Lorenz",   nullptr,
};

const char* const kDutchSurnames[] = {
    "de Vries", "Jansen",  "Bakker",   "Visser", "Smit",  "Meijer",
    "de Boer",  "Mulder",  "Peeters",  "Maes",   "Claes", "Willems",
    "Dekker",   "van Dam", "Hendriks", "Vos",    nullptr,
};

const char* const kPlacePrefixes[] = {
    "Nordwest", "Rhein", "Elbe",     "Alpen",       "Donau",  "Main", "Weser", "Spree", "Isar",
    "Ruhr",     "Hanse", "Bodensee", "Schwarzwald", "Taunus", "Harz", "Mosel", nullptr,
};

// What the customer does: the supplies are bought for their own operations or resold.
const char* const kTrades[] = {
    "Logistik", "Bürotechnik", "Gebäudeservice", "Industriebedarf", "Druck",  "Verpackung",
    "Facility", "Handel",      "Metallbau",      "Elektro",         "Praxis", "Kanzlei",
    "Hotel",    "Bau",         "Medien",         "Systemhaus",      nullptr,
};

size_t CountOf(const char* const* null_terminated) {
  size_t n = 0;
  while (null_terminated[n] != nullptr) ++n;
  return n;
}

}  // namespace samplegen
