// The desk's only script: quoting selected words, and reading an uploaded text file. Every form
// works without it (paste the text, type the quote).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-quote-into]");
  if (!button) return;
  const source = document.getElementById(button.dataset.quoteFrom);
  const input = document.getElementById(button.dataset.quoteInto);
  const selection = window.getSelection();
  if (!source || !input || !selection || selection.rangeCount === 0) return;
  if (!source.contains(selection.anchorNode)) return;
  const words = selection.toString().trim();
  if (words) {
    input.value = words;
    input.focus();
  }
});
document.addEventListener("change", (event) => {
  const picker = event.target;
  if (!picker.matches?.("input[type=file][data-fills]")) return;
  const file = picker.files?.[0];
  const target = document.getElementById(picker.dataset.fills);
  if (!file || !target) return;
  file.text().then((text) => {
    target.value = text;
  });
});

// Checks as you type: a record form posts its fields to the desk's check endpoint and shows each
// message next to the field it names. The server checks again on save: this only tells sooner.
const forms = document.querySelectorAll("form[data-check]");
for (const form of forms) {
  let timer = 0;
  let asked = 0;
  const fieldFor = (path) => {
    let best = null;
    let length = -1;
    for (const el of form.querySelectorAll("[data-path]")) {
      const p = el.dataset.path;
      if ((path === p || path.startsWith(`${p}.`)) && p.length > length) {
        best = el;
        length = p.length;
      }
    }
    return best;
  };
  const show = (messages) => {
    for (const box of form.querySelectorAll(".field-error")) box.replaceChildren();
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const m of messages) {
      const field = m.path === "reason" ? null : fieldFor(m.path);
      const box = field
        ? field.querySelector(":scope > .field-error")
        : document.getElementById(m.path === "reason" ? "reason-error" : "record-error");
      if (!box) continue;
      const item = document.createElement("li");
      const rest = field ? m.path.slice(field.dataset.path.length + 1) : m.path;
      if (rest) {
        const code = document.createElement("code");
        code.textContent = rest;
        item.append(code, ": ");
      }
      item.append(m.message);
      box.append(item);
      const control = field?.querySelector("input, select, textarea");
      if (control) control.setAttribute("aria-invalid", "true");
    }
  };
  const check = async () => {
    const mine = ++asked;
    const body = new URLSearchParams(new FormData(form));
    body.delete("intent");
    const res = await fetch(form.dataset.check, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      credentials: "same-origin",
    });
    // An older answer arriving after a newer question is not shown.
    if (!res.ok || mine !== asked) return;
    show((await res.json()).messages);
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  });
}
