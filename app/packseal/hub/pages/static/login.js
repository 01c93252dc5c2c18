"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("login");
  const problem = document.getElementById("login-problem");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    try {
      await PackSeal.call("POST", "/api/login", {user: form.user.value, password: form.password.value});
      window.location.assign(form.dataset.next || "/search");
    } catch (failure) {
      problem.textContent = failure.status === 401 ? form.dataset.wrong
        : failure.status === 429 ? form.dataset.throttled : form.dataset.failed;
      problem.hidden = false;
    }
  });
});
