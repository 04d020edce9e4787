import React, { useState, useEffect } from "react";

// A searchable list of items.
export default function ItemList({ items, onSelect }) {
  const [query, setQuery] = useState("");
  const [count, setCount] = useState(0);

  useEffect(() => {
    document.title = `${count} selected`;
  }, [count]);

  const visible = items.filter((it) => it.name.toLowerCase().includes(query));

  return (
    <div className="item-list">
      <input
        type="search"
        value={query}
        placeholder="Filter..."
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul>
        {visible.map((it) => (
          <li key={it.id} onClick={() => { setCount(count + 1); onSelect(it); }}>
            {it.name} <small>({it.price.toFixed(2)})</small>
          </li>
        ))}
      </ul>
      {visible.length === 0 && <p className="empty">No items</p>}
    </div>
  );
}
