// memcpy over WebAssembly's bulk-memory `memory.copy` for large blocks.
//
// Why: Emscripten 3.1.6's libc copies 512 bytes or more by calling out to JavaScript
// (emscripten_memcpy_big, HEAPU8.copyWithin): a wasm-to-JS transition per copy. Growing
// columns, appending to the report's text and handing strings to JS copied that way in 9.8 %
// of the profile's samples of a load and report of Online Retail under Node; the time gained
// was smaller, a few % (docs/performance.md "The first report in a fresh page", the bulk
// memory item). Built with -mbulk-memory, the compiler turns the engine's own copies into
// memory.copy already; this strong definition replaces libc's weak `memcpy` so that the copies
// made inside the prebuilt C++ library (std::string's appends) take it too. Small blocks stay
// on libc's word loop, cheaper than an instruction call for a few bytes.
#include <cstddef>

extern "C" {

// libc's own implementation, under the name it keeps beside the weak `memcpy`.
void* emscripten_builtin_memcpy(void* dest, const void* src, std::size_t n);

void* memcpy(void* dest, const void* src, std::size_t n) {
  if (n < 512) return emscripten_builtin_memcpy(dest, src, n);
  __builtin_memcpy(dest, src, n);  // one memory.copy (-mbulk-memory)
  return dest;
}

}  // extern "C"
