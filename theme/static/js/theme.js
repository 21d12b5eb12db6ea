// The colour-scheme toggle. Pages follow the system setting with no script at
// all; this only lets a reader override it, and remembers the choice.
{
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const button = document.querySelector(".theme-toggle");
  const remembered = () => {
    try {
      return localStorage.getItem("theme");
    } catch {
      return null; // storage blocked: the choice lasts for this page only
    }
  };
  const remember = (scheme) => {
    try {
      localStorage.setItem("theme", scheme);
    } catch {}
  };
  const saved = remembered();
  if (saved === "light" || saved === "dark") root.dataset.theme = saved;
  const current = () => root.dataset.theme ?? (system.matches ? "dark" : "light");
  const label = () => {
    button.textContent = current() === "dark" ? "Light theme" : "Dark theme";
  };
  if (button) {
    button.addEventListener("click", () => {
      root.dataset.theme = current() === "dark" ? "light" : "dark";
      remember(root.dataset.theme);
      label();
    });
    system.addEventListener("change", label);
    label();
    button.hidden = false;
  }
}
