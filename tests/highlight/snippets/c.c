/* ring buffer: fixed capacity, overwrites the oldest entry */
#include <stdint.h>
#include <stdio.h>
#include "ring.h"

#define RING_CAP 64u
#define RING_MASK (RING_CAP - 1)

typedef struct {
    uint32_t head;
    uint32_t tail;
    double items[RING_CAP];
} ring_t;

static inline int ring_empty(const ring_t *r) { return r->head == r->tail; }

// Push a value; returns 0 when an old value was dropped.
int ring_push(ring_t *r, double v) {
    int kept = 1;
    if (r->head - r->tail == RING_CAP) {
        r->tail++;
        kept = 0;
    }
    r->items[r->head++ & RING_MASK] = v;
    return kept;
}

double ring_mean(const ring_t *r) {
    double sum = 0.0;
    unsigned n = 0;
    for (uint32_t i = r->tail; i != r->head; ++i, ++n) {
        sum += r->items[i & RING_MASK];
    }
    return n ? sum / n : 0.0;
}

int main(int argc, char **argv) {
    ring_t r = {0};
    for (int i = 0; i < 100; i++) ring_push(&r, i * 1.5f);
    printf("mean=%.2f hex=%x char=%c\n", ring_mean(&r), 0xFFu, 'x');
    const char *msg = argc > 1 ? argv[1] : "none\t\"quoted\"";
    puts(msg);
    return ring_empty(&r) ? 1 : 0;
}
