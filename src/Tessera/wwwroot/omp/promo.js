// The promo landing page, /omp/p/{public_key}: fingerprint this browser with FingerprintJS 3.4.2 (loaded by the
// classic script before this module, as the global FingerprintJS) and record one referral view for the key.

const result = document.getElementById("result");

function show(state, text) {
  document.body.dataset.state = state;
  result.textContent = text; // never HTML: the key comes from the URL
}

function promoCode() {
  const segments = location.pathname.split("/").filter((s) => s.length > 0);
  try {
    return decodeURIComponent(segments[segments.length - 1] ?? "");
  } catch {
    return "";
  }
}

async function fingerprint() {
  // monitoring: false keeps the library from calling home (the 3.x default samples usage to its CDN).
  const agent = await globalThis.FingerprintJS.load({ monitoring: false });
  const { visitorId } = await agent.get();
  return visitorId;
}

async function record() {
  const code = promoCode();
  if (code.length === 0) {
    show("error", "This promo link has no code.");
    return;
  }

  const response = await fetch(new URL("api/referral", import.meta.url), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ promo_code: code, fingerprint: await fingerprint() }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok && body.counted) {
    show("counted", "Thanks! Your visit was counted for the agent who shared this link.");
  } else if (response.ok) {
    const reasons = {
      already_viewed: "Welcome back! This browser's visit was already counted for this link.",
      ip_daily_limit: "Your visit was recorded, but this network has reached today's limit of counted visits.",
    };
    show("not-counted", reasons[body.reason] ?? "Your visit was recorded but not counted.");
  } else if (response.status === 404) {
    show("error", "This promo link is unknown.");
  } else if (response.status === 400 && body.code === "self_view") {
    show("not-counted", "This is the agent's own browser: its own visits are not counted.");
  } else {
    show("error", "Your visit could not be recorded. Please try again later.");
  }
}

record().catch((error) => {
  show("error", "Your visit could not be recorded. Please try again later.");
  console.error(error);
});
