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
