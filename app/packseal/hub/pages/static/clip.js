// The clip page and the shared page: the capture time of the frame shown, frame steps, share links.
"use strict";

const Clip = {
  frames: null,   // presentation times of the clip's frames (ms from its first frame), from GET /api/clips/{id}
  firstCaptured: null,  // the first frame's capture time (the signed entry's start)
  rate: 25,       // frames per second, for steps without the seal's frame times

  // The index of the frame on screen at media time t (seconds).
  frameAt(t) {
    const ms = t * 1000;
    let lo = 0, hi = Clip.frames.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (Clip.frames[mid] <= ms + 0.5) lo = mid; else hi = mid - 1;
    }
    return lo;
  },

  show(player, output) {
    const start = Date.parse(Clip.firstCaptured || player.dataset.start);
    const offset = Clip.frames ? Clip.frames[Clip.frameAt(player.currentTime)] : player.currentTime * 1000;
    output.value = PackSeal.localTime(new Date(start + offset).toISOString()) + "." +
                   String(Math.floor((start + offset) % 1000)).padStart(3, "0");
  },

  step(player, direction) {
    player.pause();
    if (Clip.frames) {
      const i = Math.min(Math.max(Clip.frameAt(player.currentTime) + direction, 0), Clip.frames.length - 1);
      player.currentTime = Clip.frames[i] / 1000 + 0.001;
    } else {
      player.currentTime = Math.max(0, player.currentTime + direction / Clip.rate);
    }
  },
};

// The seal's verdict and the frame times, from GET /api/clips/{id} (the hub hashes the file for it).
async function loadFacts(box, player, output) {
  const text = (id, value) => { document.getElementById(id).textContent = value; };
  try {
    const facts = await PackSeal.call("GET", `/api/clips/${box.dataset.clip}`);
    text("trust-words", facts.trust_words[box.dataset.words]);
    const verdict = facts.verdict;
    if (verdict) {
      const name = document.getElementById("v-verdict");
      name.textContent = name.dataset[verdict.verdict] || verdict.verdict;
      name.className = verdict.ok ? "good" : "bad";
      text("v-key", verdict.key_fingerprint || "");
      const witnessed = document.getElementById("v-witnessed");
      witnessed.textContent = verdict.witnessed_by
        ? `${witnessed.dataset.yes} ${PackSeal.localTime(verdict.witnessed_at)} (${verdict.witnessed_by.slice(0, 16)}…)`
        : witnessed.dataset.no;
      text("v-anchored", verdict.anchored_at ? `${verdict.tsa} · ${PackSeal.localTime(verdict.anchored_at)}`
                                             : document.getElementById("v-witnessed").dataset.no);
      document.getElementById("verdict-facts").hidden = false;
    }
    if (facts.frames && facts.frames.times_s.length) {
      Clip.frames = facts.frames.times_s.map((s) => s * 1000);
      Clip.firstCaptured = facts.frames.first_captured_at;
    }
  } catch (problem) {
    const failed = document.getElementById("trust-failed");
    failed.textContent = `${failed.dataset.prefix} ${problem.message}`;
    failed.hidden = false;
    document.getElementById("trust-words").hidden = true;
  }
  if (player && output) {
    document.getElementById("frames-note").hidden = Clip.frames !== null;
    Clip.show(player, output);
  }
  document.body.dataset.facts = "loaded";  // the tests wait for this
}

// The words beside each comparison picture in the page's language, filled in with the comparison's
// numbers: the pictures themselves carry only sizes, clip times and UTC times.
function pictureNotes(box, dispute) {
  const result = dispute.result;
  const size = dispute.photo.size || ["?", "?"];
  const fill = (text, values) => (text || "").replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  const notes = {};
  const best = result.matches[0];
  if (best) {
    const values = {w: size[0], h: size[1], t: best.t_s.toFixed(1), when: PackSeal.localTime(best.captured_at)};
    for (const name of ["side_by_side", "overlay", "heatmap"]) notes[name] = fill(box.dataset[`${name}_note`], values);
    if (result.regions.length) notes.heatmap += " " + box.dataset.heatmap_boxes;
  }
  const closing = result.closing_frames || [];
  if (closing.length) {
    notes.before_closing = fill(box.dataset.before_closing_note, {
      w: size[0], h: size[1], first: closing[0].t_s.toFixed(1), last: closing[closing.length - 1].t_s.toFixed(1)});
  }
  return notes;
}

// One comparison of a refund photo with the clip: the verdict, the findings, the pictures.
function showDispute(dispute) {
  const box = document.getElementById("dispute-result");
  const result = dispute.result;
  document.getElementById("dispute-verdict").textContent = result.no_match ? box.dataset.noMatch : box.dataset.matched;
  const findings = document.getElementById("dispute-findings");
  findings.replaceChildren();
  for (const finding of result.findings) {
    const item = document.createElement("li");
    item.textContent = (box.dataset.lang === "zh" && finding.message_zh) || finding.message;
    item.className = finding.severity;
    findings.append(item);
  }
  if (!result.findings.length) {
    const item = document.createElement("li");
    item.textContent = box.dataset.none;
    findings.append(item);
  }
  const images = document.getElementById("dispute-images");
  images.replaceChildren();
  const order = ["side_by_side", "overlay", "heatmap", "before_closing", "ela"];
  const rank = (name) => (order.indexOf(name) + order.length + 1) % (order.length + 1);
  const pictures = Object.entries(dispute.images).sort((a, b) => rank(a[0]) - rank(b[0]));
  const notes = pictureNotes(box, dispute);
  for (const [name, url] of pictures) {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = url;
    img.alt = box.dataset[name] || name;
    img.dataset.picture = name;
    const caption = document.createElement("figcaption");
    const title = document.createElement("strong");
    title.textContent = box.dataset[name] || name;
    caption.append(title);
    if (notes[name]) {
      const note = document.createElement("span");
      note.className = "note";
      note.textContent = notes[name];
      caption.append(note);
    }
    figure.append(img, caption);
    images.append(figure);
  }
  const pack = document.getElementById("dispute-pack");
  if (pack) {
    pack.href = `/api/clips/${dispute.clip_id}/pack?dispute=${dispute.id}&language=${box.dataset.packLanguage}`;
  }
  box.hidden = false;
  box.dataset.dispute = dispute.id;
}

document.addEventListener("DOMContentLoaded", () => {
  const player = document.getElementById("player");
  const output = document.getElementById("capture-time");
  if (player && output) {
    for (const name of ["timeupdate", "seeked", "loadedmetadata"]) {
      player.addEventListener(name, () => Clip.show(player, output));
    }
    document.getElementById("prev-frame").addEventListener("click", () => Clip.step(player, -1));
    document.getElementById("next-frame").addEventListener("click", () => Clip.step(player, 1));
  }
  const trust = document.getElementById("trust");
  if (trust) loadFacts(trust, player, output);

  const disputeForm = document.getElementById("dispute-form");
  if (disputeForm) {
    disputeForm.photo.addEventListener("change", () => {
      const file = disputeForm.photo.files[0];
      if (file) document.getElementById("dispute-file-name").textContent = file.name;
    });
    disputeForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = disputeForm.photo.files[0];
      const busy = document.getElementById("dispute-busy");
      busy.hidden = false;
      try {
        const query = `name=${encodeURIComponent(file.name)}&opened_box=${disputeForm.opened_box.checked ? 1 : 0}`;
        const answer = await fetch(`/api/clips/${disputeForm.dataset.clip}/disputes?${query}`, {
          method: "POST", body: file, credentials: "same-origin",
          headers: {"X-CSRF-Token": PackSeal.csrf(), "Content-Type": file.type || "application/octet-stream"},
        });
        const data = await answer.json();
        if (!answer.ok) throw new Error(data.error || answer.statusText);
        showDispute(data);
      } catch (problem) { PackSeal.fail(problem); }
      busy.hidden = true;
    });
  }
  for (const button of document.querySelectorAll("button.show-dispute")) {
    button.addEventListener("click", async () => {
      try {
        showDispute(await PackSeal.call("GET", `/api/disputes/${button.dataset.dispute}`));
      } catch (problem) { PackSeal.fail(problem); }
    });
  }

  const form = document.getElementById("share-form");
  if (form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const made = await PackSeal.call("POST", `/api/clips/${form.dataset.clip}/share`,
                                         {expires_s: parseInt(form.expires_s.value, 10)});
        sessionStorage.setItem("packseal-new-share", made.url);
        window.location.reload();
      } catch (problem) { PackSeal.fail(problem); }
    });
    const fresh = sessionStorage.getItem("packseal-new-share");
    if (fresh) {
      sessionStorage.removeItem("packseal-new-share");
      document.getElementById("share-url").value = fresh;
      document.getElementById("share-made").hidden = false;
      document.getElementById("share-url").select();
    }
  }
  for (const button of document.querySelectorAll("button.revoke")) {
    button.addEventListener("click", async () => {
      try {
        await PackSeal.call("DELETE", `/api/shares/${button.dataset.share}`);
        window.location.reload();
      } catch (problem) { PackSeal.fail(problem); }
    });
  }
});
