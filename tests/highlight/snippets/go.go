// Package queue implements a bounded work queue.
package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var ErrClosed = errors.New("queue: closed")

const defaultSize = 1 << 8

type Job func(ctx context.Context) error

type Queue struct {
	mu     sync.Mutex
	jobs   chan Job
	closed bool
	done   map[string]int
}

func New(size int) *Queue {
	if size <= 0 {
		size = defaultSize
	}
	return &Queue{jobs: make(chan Job, size), done: map[string]int{}}
}

func (q *Queue) Push(j Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	select {
	case q.jobs <- j:
		return nil
	default:
		return fmt.Errorf("queue full (%d jobs)", len(q.jobs))
	}
}

func (q *Queue) Run(ctx context.Context, workers int) {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for job := range q.jobs {
				start := time.Now()
				if err := job(ctx); err != nil {
					fmt.Printf("worker %d: %v after %s\n", id, err, time.Since(start))
				}
			}
		}(i)
	}
	wg.Wait()
	_ = `raw string with "quotes"` + string('x') + fmt.Sprint(3.14, 0x1F, 1e9)
}
