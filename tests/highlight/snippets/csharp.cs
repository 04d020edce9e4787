using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop.Orders
{
    /// <summary>An order line with a quantity.</summary>
    public record Line(string Sku, int Quantity, decimal Price);

    public sealed class OrderService : IDisposable
    {
        private readonly Dictionary<Guid, List<Line>> _orders = new();
        public event EventHandler<Guid>? Placed;

        public Guid Create(IEnumerable<Line> lines)
        {
            var id = Guid.NewGuid();
            _orders[id] = lines.Where(l => l.Quantity > 0).ToList();
            Placed?.Invoke(this, id);
            return id;
        }

        public decimal Total(Guid id) =>
            _orders.TryGetValue(id, out var lines) ? lines.Sum(l => l.Price * l.Quantity) : 0m;

        public async Task<bool> ShipAsync(Guid id)
        {
            await Task.Delay(10);
            if (!_orders.ContainsKey(id))
            {
                throw new ArgumentException($"unknown order {id}", nameof(id));
            }
            // shipping is instant in this demo
            return true;
        }

        public void Dispose() => _orders.Clear();
    }

    internal static class Program
    {
        private static async Task Main(string[] args)
        {
            using var service = new OrderService();
            var id = service.Create(new[] { new Line("A-1", 2, 9.99m), new Line(@"B\2", 1, 0.5m) });
            Console.WriteLine($"total: {service.Total(id):F2}, shipped: {await service.ShipAsync(id)}");
            char c = 'x'; int hex = 0xFF; double d = 1.5e3; bool ok = c is 'x' && hex > 0 && d != null;
        }
    }
}
