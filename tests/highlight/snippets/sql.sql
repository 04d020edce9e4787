-- Monthly revenue per customer
CREATE TABLE IF NOT EXISTS orders (
    id          SERIAL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    total       NUMERIC(10, 2) DEFAULT 0.00,
    status      VARCHAR(16) CHECK (status IN ('new', 'paid', 'shipped')),
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT now()
);

CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);

/* Only paid orders count. */
SELECT c.name,
       date_trunc('month', o.created_at) AS month,
       COUNT(*) AS orders,
       SUM(o.total) AS revenue
FROM customers AS c
JOIN orders o ON o.customer_id = c.id
WHERE o.status = 'paid'
  AND o.created_at >= '2024-01-01'
  AND o.total > 10.5
GROUP BY c.name, month
HAVING SUM(o.total) > 1000
ORDER BY revenue DESC
LIMIT 20;

UPDATE orders SET status = 'shipped' WHERE id IN (SELECT id FROM orders WHERE status = 'paid' LIMIT 5);
DELETE FROM orders WHERE created_at < NOW() - INTERVAL '2 years' AND total IS NULL;
INSERT INTO customers (name, email) VALUES ('Ada', "ada@example.com");
