const std = @import("std");
const mem = std.mem;

/// A fixed-size stack of integers.
pub fn Stack(comptime T: type, comptime capacity: usize) type {
    return struct {
        items: [capacity]T = undefined,
        len: usize = 0,

        const Self = @This();

        pub fn push(self: *Self, value: T) !void {
            if (self.len == capacity) return error.Overflow;
            self.items[self.len] = value;
            self.len += 1;
        }

        pub fn pop(self: *Self) ?T {
            if (self.len == 0) return null;
            self.len -= 1;
            return self.items[self.len];
        }
    };
}

test "push and pop" {
    var s = Stack(i32, 4){};
    try s.push(42);
    try std.testing.expectEqual(@as(?i32, 42), s.pop());
}

pub fn main() !void {
    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    defer _ = gpa.deinit();
    const allocator = gpa.allocator();
    const buf = try allocator.alloc(u8, 0x40);
    defer allocator.free(buf);
    mem.set(u8, buf, 'a');
    const ratio: f64 = 1.5e2;
    std.debug.print("len={d} ratio={d} first={c}\n", .{ buf.len, ratio, buf[0] });
    while (true) {
        break;
    }
}
