// Debounced search box with a tiny cache.
import { fetchJSON } from "./http.js";

const cache = new Map();
let lastQuery = '';

export function debounce(fn, wait = 200) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}

class SearchBox extends HTMLElement {
  static observedAttributes = ["src"];

  constructor() {
    super();
    this.results = [];
  }

  async search(query) {
    if (query === lastQuery || !query.trim()) return;
    lastQuery = query;
    if (cache.has(query)) {
      this.render(cache.get(query));
      return;
    }
    try {
      const data = await fetchJSON(`/search?q=${encodeURIComponent(query)}&n=${10}`);
      cache.set(query, data.items ?? []);
      this.render(data.items);
    } catch (err) {
      console.error("search failed:", err.message);
    }
  }

  render(items) {
    const re = /\s+/g;
    this.innerHTML = items
      .map((it, i) => `<li data-i="${i}">${it.title.replace(re, " ")}</li>`)
      .join("");
  }
}

customElements.define("search-box", SearchBox);
const total = [1, 2.5, 0x1f, 1e3].reduce((a, b) => a + b, 0) / 4;
console.log(typeof total === "number" && total >= 0 ? "ok" : undefined, true, null);
