// Suggestions as you type: names from /suggest.json into the search box's datalist. Values
// are set through the DOM, never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("search");
  const list = document.getElementById("suggestions");
  if (!box || !list) return;
  let asked = 0;
  box.addEventListener("input", async () => {
    const text = box.value.trim();
    const mine = ++asked;
    if (text.length < 2) { list.replaceChildren(); return; }
    const answer = await fetch("/suggest.json?q=" + encodeURIComponent(text));
    if (!answer.ok || mine !== asked) return;
    const names = await answer.json();
    list.replaceChildren(...names.map((found) => {
      const option = document.createElement("option");
      option.value = found.name;
      return option;
    }));
  });
});
