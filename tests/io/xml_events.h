#pragma once
// What the XML scanner tests record of a part: tags and text runs in one string.
#include <string>
#include <string_view>

#include "../../core/src/io/xml_scanner.h"

namespace pulse::test {

struct XmlEvents : io::XmlHandler {
  std::string log;
  void on_start(std::string_view name, std::string_view, bool) override {
    log += "<" + std::string(name) + ">";
  }
  void on_end(std::string_view name) override { log += "</" + std::string(name) + ">"; }
  void on_text(std::string_view text, bool) override { log += "[" + std::string(text) + "]"; }
};

}  // namespace pulse::test
