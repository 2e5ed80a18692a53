// The files the user chose to keep in this browser, in IndexedDB: nothing leaves the machine.
//
// What is kept is each file's raw bytes as it was given (a Blob: a .csv.gz stays compressed),
// its reading options, and the workspace settings, not the engine's tables: the bytes are what
// the user owns and can check, they are usually smaller than the tables, and a newer engine
// reads them as the old one did (a table layout would tie the stored data to one engine build).
//
// Two object stores: `blobs` (file name -> Blob) and `meta` (one record, key "kept": when the
// files were kept, their names, sizes and options, the settings). A record in `meta` is the
// user's consent: while it exists, the page keeps what is loaded in step with it.
const DB_NAME = 'b2b-pulse';
const DB_VERSION = 1;
const META_KEY = 'kept';

/** Why the browser would not store or read: `kind` is 'quota', 'unavailable' or 'failed'. */
export class StorageError extends Error {
  constructor(kind, cause) {
    super((cause && (cause.message || cause.name)) || kind);
    this.kind = kind;
    this.cause = cause;
  }
}

function kindOf(err) {
  const name = err && err.name;
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'SecurityError' || name === 'InvalidStateError') return 'unavailable';
  return 'failed';
}

const asStorageError = (err) => (err instanceof StorageError ? err : new StorageError(kindOf(err), err));

/** Opens the database; without `create`, a database that does not exist is not made (reading
 *  before any consent must leave nothing behind) and the promise resolves to null. */
function open(create) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      if (typeof indexedDB === 'undefined') throw new StorageError('unavailable');
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (err) {
      return reject(asStorageError(err));
    }
    request.onupgradeneeded = (e) => {
      if (!create && e.oldVersion === 0) return request.transaction.abort(); // none yet: make none
      const db = request.result;
      if (!db.objectStoreNames.contains('blobs')) db.createObjectStore('blobs');
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (e) => {
      if (!create && request.error && request.error.name === 'AbortError') {
        e.preventDefault();
        return resolve(null);
      }
      reject(asStorageError(request.error));
    };
    request.onblocked = () => reject(new StorageError('unavailable'));
  });
}

/** Runs fn(stores) in one transaction over both stores; resolves with fn's result when it
 *  commits, rejects with a StorageError (a quota error aborts the whole transaction). */
async function transaction(mode, fn) {
  const db = await open(mode === 'readwrite');
  if (!db) return undefined; // nothing stored, nothing to read
  try {
    return await new Promise((resolve, reject) => {
      let result;
      let tx;
      try {
        tx = db.transaction(['blobs', 'meta'], mode);
        result = fn({ blobs: tx.objectStore('blobs'), meta: tx.objectStore('meta') });
      } catch (err) {
        if (tx) tx.abort();
        return reject(asStorageError(err));
      }
      tx.oncomplete = () => resolve(result);
      tx.onabort = () => reject(asStorageError(tx.error));
      tx.onerror = () => {}; // onabort follows with the cause
    });
  } finally {
    db.close();
  }
}

/** Calls then(result) from the request's success event, while its transaction is active (a
 *  promise's callback would run a microtask later; plain callbacks need no such guarantee). */
const onResult = (req, then) => {
  req.onsuccess = () => then(req.result);
};

/** The kept files: {savedAt (ms), settings, files: [{name, size, options, blob}]}, or null. */
export async function readKept() {
  const out = { files: [] };
  await transaction('readonly', ({ blobs, meta }) => {
    onResult(meta.get(META_KEY), (m) => {
      if (!m) return;
      Object.assign(out, { savedAt: m.savedAt, settings: m.settings || {}, found: true });
      m.files.forEach((f, i) => onResult(blobs.get(f.name), (blob) => blob && (out.files[i] = { ...f, blob })));
    });
  });
  if (!out.found) return null;
  delete out.found;
  out.files = out.files.filter(Boolean); // in the order they were loaded; a lost blob is skipped
  return out;
}

/**
 * Makes the store hold exactly these files: [{name, size, options, source (Blob)}], with the
 * settings. `stored(source)` says whether a source's bytes are already there under its name
 * (they are not written again: a 48 MB file is written once, not at every reload).
 */
export async function writeKept(files, settings, stored = () => false) {
  const kept = files.map(({ name, size, options }) => ({ name, size, options }));
  await transaction('readwrite', ({ blobs, meta }) => {
    onResult(blobs.getAllKeys(), (names) => {
      for (const name of names) if (!files.some((f) => f.name === name)) blobs.delete(name);
    });
    for (const f of files) if (!stored(f)) blobs.put(f.source, f.name);
    meta.put({ savedAt: Date.now(), settings, files: kept }, META_KEY);
  });
}

/** Deletes everything this page stored in IndexedDB (the database itself). */
export function forgetKept() {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.deleteDatabase(DB_NAME);
    } catch (err) {
      return reject(asStorageError(err));
    }
    req.onsuccess = () => resolve();
    req.onerror = () => reject(asStorageError(req.error));
    // Another tab holds it open: the deletion waits until it closes (each open here is short).
    req.onblocked = () => {};
  });
}
