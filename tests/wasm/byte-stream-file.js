// A Blob-like file whose stream() is a byte stream, as Chromium hands a File (Node's own Blob
// has no BYOB reader): each pull answers at most `piece` bytes into the reader's own buffer.
// `reads` counts the pulls answered; failAt: the byte at which a read fails, as a file changed
// on disk does (NotReadableError). Shared by tests/wasm/byte_stream.test.js and
// tests/web/file-reader.test.mjs.
'use strict';

function byteStreamFile(bytes, piece, failAt = Infinity) {
  const file = {
    size: bytes.length,
    reads: 0,
    slice: (a, b) => new Blob([bytes]).slice(a, b),
    arrayBuffer: () => new Blob([bytes]).arrayBuffer(),
    stream() {
      let at = 0;
      return new ReadableStream({
        type: 'bytes',
        pull(controller) {
          const request = controller.byobRequest;
          if (at >= failAt) {
            const err = new Error('the file changed');
            err.name = 'NotReadableError';
            throw err;
          }
          if (at >= bytes.length) {
            controller.close();
            if (request) request.respond(0);
            return;
          }
          if (!request) throw new Error('the reader is expected to bring its own buffer');
          const n = Math.min(piece, bytes.length - at, request.view.byteLength);
          new Uint8Array(request.view.buffer, request.view.byteOffset, n).set(bytes.subarray(at, at + n));
          request.respond(n);
          file.reads += 1;
          at += n;
        },
      });
    },
  };
  return file;
}

module.exports = { byteStreamFile };
