#include "pulse/report/attention_json.h"

namespace pulse::report {

void write_attention(JsonWriter& w, const kpi::AttentionList& list) {
  using Type = kpi::AttentionParam::Type;
  w.key("attention");
  w.begin_array();
  for (const kpi::AttentionItem& item : list.items) {
    w.begin_object();
    w.key("kind"), w.value(kpi::attention_kind_name(item.kind));
    w.key("owner");
    if (item.owner)
      w.value(*item.owner);
    else
      w.null();
    w.key("subject"), w.value(item.subject);
    w.key("reason_code"), w.value(item.reason_code);
    w.key("params");
    w.begin_object();
    for (const kpi::AttentionParam& p : item.params) {
      w.key(p.key);
      switch (p.type) {
        case Type::number:
          w.value(p.number);
          break;
        case Type::text:
          w.value(p.text);
          break;
        case Type::flag:
          w.value(p.flag);
          break;
        case Type::null:
          w.null();
          break;
      }
    }
    w.end_object();
    w.key("amount_at_stake"), w.value(item.amount_at_stake);
    w.key("link");
    w.begin_object();
    w.key("dashboard"), w.value(item.link_dashboard);
    for (const auto& [key, value] : item.link_keys) w.key(key), w.value(value);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("attention_total"), w.value(static_cast<std::uint64_t>(list.total));
}

}  // namespace pulse::report
