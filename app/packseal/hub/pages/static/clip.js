// The clip page and the shared page: the capture time of the frame shown, frame steps, share links.
"use strict";

const Clip = {
  frames: null,   // capture times of the frames (ms since the clip's start), when the seal gives them
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
    const start = Date.parse(player.dataset.start);
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

document.addEventListener("DOMContentLoaded", () => {
  const player = document.getElementById("player");
  const output = document.getElementById("capture-time");
  if (player && output) {
    for (const name of ["timeupdate", "seeked", "loadedmetadata"]) {
      player.addEventListener(name, () => Clip.show(player, output));
    }
    document.getElementById("prev-frame").addEventListener("click", () => Clip.step(player, -1));
    document.getElementById("next-frame").addEventListener("click", () => Clip.step(player, 1));
    document.getElementById("frames-note").hidden = Clip.frames !== null;
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
