// Links are user data: the page shows them as text (never as HTML) and opens only https URLs.

const MAX_URL_LENGTH = 2048;

/** The URL as an absolute https href, or null when it is not one (javascript:, data:, http:, relative, too long ...). */
export function safeHttpsUrl(text) {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_URL_LENGTH) {
    return null;
  }

  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }

  return url.protocol === "https:" && url.hostname !== "" ? url.href : null;
}

/** Opens an https link in a new tab with no access back to this page (no window.opener, no Referer). */
export function openLink(text) {
  const href = safeHttpsUrl(text);
  if (href === null) {
    return false;
  }

  window.open(href, "_blank", "noopener,noreferrer");
  return true;
}
