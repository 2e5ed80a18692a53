// Catch2's main: v3 runs a Session (its catch_all.hpp ignores CATCH_CONFIG_MAIN), v2 writes
// main from its single header.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
int main(int argc, char* argv[]) {
  return Catch::Session().run(argc, argv);
}
#else
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#endif
