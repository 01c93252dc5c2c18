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
      problem.code = data.code;  // a refusal the page words in its language (the failure box's data-refused-*)
      problem.params = data.params || {};
      throw problem;
    }
    return data;
  },

  fail(problem) {
    const box = document.getElementById("failure");
    const key = problem.code ? "refused" + problem.code.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("") : "";
    const worded = (box.dataset[key] || "").replace(/\{(\w+)\}/g, (all, name) => (name in problem.params ? problem.params[name] : all));
    box.textContent = box.dataset.prefix + " " + (worded || problem.message);
    box.hidden = false;
  },

  // "2026-12-03 12:05:52" in the viewer's own time zone, the same in both languages. Written out by
  // hand: the first Intl.DateTimeFormat (or toLocaleString) of a fresh page loads ICU's locale data,
  // 16-44 ms in chromium, against 0.2 ms for the 50 times of a results page (bench/RESULTS.md).
  localTime(iso) {
    const when = new Date(iso);
    if (isNaN(when)) return iso;
    const two = (n) => String(n).padStart(2, "0");
    return `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())} ` +
           `${two(when.getHours())}:${two(when.getMinutes())}:${two(when.getSeconds())}`;
  },
};

document.addEventListener("DOMContentLoaded", () => {
  // A date searched for is a day where the viewer is: the search form sends its zone (minutes east of UTC).
  for (const field of document.querySelectorAll("input[name=tz]")) field.value = String(-new Date().getTimezoneOffset());
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
