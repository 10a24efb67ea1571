// Links are user data: the page shows them as text (never as HTML) and makes a link only of an absolute http(s) URL.

const MAX_URL_LENGTH = 2048;

/** The URL as an absolute http: or https: href, or null when it is not one (javascript:, data:, relative, too long …). */
export function safeWebUrl(text) {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_URL_LENGTH) {
    return null;
  }

  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }

  return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && url.username === "" && url.password === ""
    ? url.href
    : null;
}
