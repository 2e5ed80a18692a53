// Small helpers shared by the element's parts.

/** Saves a Blob as a file through a blob: URL (no request leaves the page). */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name from a URL or path: the last segment, without query or fragment. */
export function baseName(path) {
  const clean = String(path).split(/[?#]/)[0];
  const parts = clean.split(/[\\/]/).filter(Boolean);
  try {
    return decodeURIComponent(parts[parts.length - 1] || clean);
  } catch {
    return parts[parts.length - 1] || clean;
  }
}

export const isUnavailable = (d) => !d || typeof d !== 'object' || typeof d.unavailable === 'string';

export function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9а-яё]+/gi, '-').replace(/^-|-$/g, '') || 'export';
}
