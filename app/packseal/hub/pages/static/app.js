// Shared by every page: times in the viewer's own time zone, requests with the session's CSRF token, logout.
"use strict";

const PackSeal = {
  csrf() {
    const meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.content : "";
  },

  // fetch() for the hub's API: JSON in and out, the CSRF header on every change.
  async call(method, url, body) {
    const headers = {"X-CSRF-Token": PackSeal.csrf()};
    const init = {method, headers, credentials: "same-origin"};
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const answer = await fetch(url, init);
    let data = {};
    try { data = await answer.json(); } catch (e) { data = {}; }
    if (!answer.ok) {
      const problem = new Error(data.error || answer.statusText);
      problem.status = answer.status;
      throw problem;
    }
    return data;
  },

  fail(problem) {
    const box = document.getElementById("failure");
    box.textContent = box.dataset.prefix + " " + problem.message;
    box.hidden = false;
  },

  localTime(iso) {
    const when = new Date(iso);
    if (isNaN(when)) return iso;
    const lang = document.body.dataset.lang === "zh" ? "zh-CN" : "en-GB";
    return when.toLocaleString(lang, {year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit",
                                      minute: "2-digit", second: "2-digit"});
  },
};

document.addEventListener("DOMContentLoaded", () => {
  for (const node of document.querySelectorAll("time[datetime]")) {
    if (node.getAttribute("datetime")) node.textContent = PackSeal.localTime(node.getAttribute("datetime"));
  }
  const logout = document.getElementById("logout");
  if (logout) {
    logout.addEventListener("click", async () => {
      try {
        await PackSeal.call("POST", "/api/logout");
        window.location.assign("/login");
      } catch (problem) { PackSeal.fail(problem); }
    });
  }
});
