# Build the demo program.
CC ?= cc
CFLAGS := -O2 -Wall -Wextra
SRC = $(wildcard src/*.c)
OBJ = $(SRC:.c=.o)
PREFIX ?= /usr/local

.PHONY: all clean install test

all: demo

demo: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS)

%.o: %.c include/demo.h
	$(CC) $(CFLAGS) -Iinclude -c $< -o $@

test: demo
	./demo --self-test && echo "tests passed"

install: demo
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 demo $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -f demo $(OBJ)

ifeq ($(DEBUG),1)
CFLAGS += -g -O0
endif

export PATH := $(PWD)/bin:$(PATH)
