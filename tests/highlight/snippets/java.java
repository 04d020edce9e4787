package com.example.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps stock counts per product.
 */
public final class Inventory implements AutoCloseable {
    private static final int MAX_ITEMS = 1_000;
    private final Map<String, Integer> stock = new ConcurrentHashMap<>();

    public enum Status { IN_STOCK, LOW, OUT }

    @Override
    public void close() {
        stock.clear();
    }

    public synchronized void add(String sku, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        stock.merge(sku, count, Integer::sum);
    }

    public Status status(String sku) {
        int n = stock.getOrDefault(sku, 0);
        return n == 0 ? Status.OUT : n < 10 ? Status.LOW : Status.IN_STOCK;
    }

    public List<String> lowStock() {
        List<String> out = new ArrayList<>();
        for (var e : stock.entrySet()) {
            if (e.getValue() < 10) out.add(e.getKey());
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        try (Inventory inv = new Inventory()) {
            inv.add("apple", 3);
            char c = 'a';
            long big = 0xFFL;
            double ratio = 2.5e-1;
            System.out.printf("%s %c %d %.2f%n", inv.status("apple"), c, big, ratio);
        } catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
        }
    }
}
