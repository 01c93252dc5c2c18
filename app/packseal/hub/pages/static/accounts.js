"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("accounts");
  const reload = () => window.location.reload();

  for (const button of table.querySelectorAll("button.toggle")) {
    button.addEventListener("click", async () => {
      const id = button.closest("tr").dataset.account;
      try {
        await PackSeal.call("POST", `/api/accounts/${id}/disabled`, {disabled: button.dataset.disabled === "true"});
        reload();
      } catch (problem) { PackSeal.fail(problem); }
    });
  }
  for (const form of table.querySelectorAll("form.password")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const id = form.closest("tr").dataset.account;
      try {
        await PackSeal.call("POST", `/api/accounts/${id}/password`, {password: form.password.value});
        reload();
      } catch (problem) { PackSeal.fail(problem); }
    });
  }
  const add = document.getElementById("add-account");
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await PackSeal.call("POST", "/api/accounts", {name: add.name.value, role: add.role.value,
                                                    password: add.password.value});
      reload();
    } catch (problem) { PackSeal.fail(problem); }
  });
});
