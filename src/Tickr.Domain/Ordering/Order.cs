using System.Security.Cryptography;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Ordering;

/// <summary>
/// A buyer's order for tickets of one event: priced when reserved, held until it expires, then paid (tickets
/// issued), cancelled, expired or refunded. Amounts are exact minor units; the 4 % commission is recorded per line.
/// Inventory itself is not counted here: the holds are taken atomically in the database (Tickr.Data's reservation).
/// </summary>
public sealed class Order
{
    public const int MaxItems = 20;
    public const int MaxIdempotencyKeyLength = 100;

    private readonly List<OrderLine> _lines = [];

    private Order() { }

    public Guid Id { get; private set; }

    /// <summary>What the buyer and the organizer quote: <c>TK-7Q2M9XKD</c>; unique.</summary>
    public string Number { get; private set; } = "";

    public Guid EventId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid BuyerId { get; private set; }

    public string BuyerEmail { get; private set; } = "";

    public OrderStatus Status { get; private set; }

    public Currency Currency { get; private set; } = Currency.Tnd;

    /// <summary>Sum of the lines' list prices, before discount.</summary>
    public long SubtotalMinorUnits { get; private set; }

    public long DiscountMinorUnits { get; private set; }

    /// <summary>What the buyer pays: subtotal minus discount.</summary>
    public long TotalMinorUnits { get; private set; }

    /// <summary>The platform's 4 % of what is paid.</summary>
    public long CommissionMinorUnits { get; private set; }

    /// <summary>What the organizer receives: total minus commission.</summary>
    public long NetMinorUnits => TotalMinorUnits - CommissionMinorUnits;

    /// <summary>Refunded so far (full or partial refunds).</summary>
    public long RefundedMinorUnits { get; private set; }

    public Guid? PromoCodeId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    /// <summary>A hash of the request that created the order: a reused key with another request is refused.</summary>
    public string RequestHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the hold ends for an unpaid order.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public Money Subtotal => new(SubtotalMinorUnits, Currency);

    public Money Discount => new(DiscountMinorUnits, Currency);

    public Money Total => new(TotalMinorUnits, Currency);

    public Money Commission => new(CommissionMinorUnits, Currency);

    public Money Net => new(NetMinorUnits, Currency);

    public Money Refunded => new(RefundedMinorUnits, Currency);

    public int TicketCount => _lines.Sum(l => l.Quantity);

    public bool IsFree => TotalMinorUnits == 0;

    /// <summary>
    /// Prices a reservation and checks every sales rule that does not depend on inventory: the event on sale, each
    /// type visible to the buyer and in its sales window, per-order limits, the promo code. The caller then takes
    /// the holds atomically; a refusal here changes nothing.
    /// </summary>
    public static Order Reserve(Event ev, ReservationRequest request, DateTimeOffset now, TimeSpan holdFor)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(request);
        if (request.IdempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
        {
            throw new OrderingException(OrderingErrorCode.InvalidQuantity,
                $"idempotencyKey must be 1 to {MaxIdempotencyKeyLength} characters.");
        }
        var items = Merge(request.Items);
        if (!ev.IsOnSaleAt(now))
        {
            throw new OrderingException(OrderingErrorCode.EventNotOnSale, "This event is not on sale.");
        }
        var promo = FindPromo(ev, request.PromoCode, now);
        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            Number = NewNumber(),
            EventId = ev.Id,
            OrganizationId = ev.OrganizationId,
            BuyerId = request.BuyerId,
            BuyerEmail = request.BuyerEmail,
            Status = OrderStatus.Reserved,
            Currency = ev.Currency,
            PromoCodeId = promo?.Id,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.Hash(),
            CreatedAt = now,
            ExpiresAt = now + holdFor,
        };
        var discounted = false;
        foreach (var (typeId, quantity) in items)
        {
            var type = ev.FindTicketType(typeId);
            if (type is null || !type.IsUnlockedBy(request.AccessCode))
            {
                throw new OrderingException(OrderingErrorCode.TicketTypeNotFound, "No such ticket type on sale for this event.") { TicketTypeId = typeId };
            }
            if (!type.IsInSalesWindow(now, ev.StartsAt))
            {
                throw new OrderingException(OrderingErrorCode.SalesClosed, $"Sales of \"{type.Name}\" are not open.") { TicketTypeId = typeId };
            }
            if (quantity < type.MinPerOrder || quantity > type.MaxPerOrder)
            {
                throw new OrderingException(OrderingErrorCode.LimitExceeded,
                    $"\"{type.Name}\" is sold {type.MinPerOrder} to {type.MaxPerOrder} per order; {quantity} asked.")
                { TicketTypeId = typeId, Limit = quantity < type.MinPerOrder ? type.MinPerOrder : type.MaxPerOrder };
            }
            var discount = promo is not null && promo.AppliesTo(type.Id) ? promo.DiscountOn(type.Price) : Money.Zero(ev.Currency);
            discounted |= promo is not null && promo.AppliesTo(type.Id);
            var line = OrderLine.Create(order, type, quantity, discount, order._lines.Count);
            order._lines.Add(line);
        }
        if (promo is not null && !discounted)
        {
            throw new OrderingException(OrderingErrorCode.InvalidPromoCode, "This promo code does not apply to these tickets.");
        }
        order.SubtotalMinorUnits = order._lines.Sum(l => l.UnitPriceMinorUnits * l.Quantity);
        order.DiscountMinorUnits = order._lines.Sum(l => l.UnitDiscountMinorUnits * l.Quantity);
        order.TotalMinorUnits = order._lines.Sum(l => l.TotalMinorUnits);
        order.CommissionMinorUnits = order._lines.Sum(l => l.CommissionMinorUnits);
        return order;
    }

    /// <summary>Tickets discounted by the promo code (counted against its uses).</summary>
    public int DiscountedTicketCount => _lines.Where(l => l.UnitDiscountMinorUnits > 0).Sum(l => l.Quantity);

    /// <summary>Whether the reservation still holds its tickets at <paramref name="now"/>.</summary>
    public bool IsHoldActiveAt(DateTimeOffset now) => Status == OrderStatus.Reserved && now < ExpiresAt;

    /// <summary>Payment confirmed (or a free order confirmed): the caller issues the tickets in the same transaction.</summary>
    public void MarkPaid(DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Reserved or OrderStatus.Expired))
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, $"A {Status.ToString().ToLowerInvariant()} order cannot be paid.");
        }
        Status = OrderStatus.Paid;
        PaidAt = now;
    }

    /// <summary>The buyer gives up before paying.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (Status != OrderStatus.Reserved)
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, $"A {Status.ToString().ToLowerInvariant()} order cannot be cancelled.");
        }
        Status = OrderStatus.Cancelled;
        ClosedAt = now;
    }

    /// <summary>The hold ran out before payment.</summary>
    public void Expire(DateTimeOffset now)
    {
        if (Status != OrderStatus.Reserved)
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, $"A {Status.ToString().ToLowerInvariant()} order cannot expire.");
        }
        Status = OrderStatus.Expired;
        ClosedAt = now;
    }

    /// <summary>Records a refund of <paramref name="amount"/>; the order is Refunded once everything paid is back.</summary>
    public void RecordRefund(Money amount, DateTimeOffset now)
    {
        if (Status != OrderStatus.Paid)
        {
            throw new OrderingException(OrderingErrorCode.InvalidOrderStatus, $"A {Status.ToString().ToLowerInvariant()} order cannot be refunded.");
        }
        amount.EnsureCurrency(Currency, "amount");
        if (amount.MinorUnits <= 0 || amount.MinorUnits > TotalMinorUnits - RefundedMinorUnits)
        {
            throw new OrderingException(OrderingErrorCode.InvalidRefundAmount,
                $"A refund must be between 1 minor unit and the {new Money(TotalMinorUnits - RefundedMinorUnits, Currency)} left to refund.");
        }
        RefundedMinorUnits += amount.MinorUnits;
        if (RefundedMinorUnits == TotalMinorUnits)
        {
            Status = OrderStatus.Refunded;
            ClosedAt = now;
        }
    }

    /// <summary>What is left to refund.</summary>
    public Money Refundable => new(TotalMinorUnits - RefundedMinorUnits, Currency);

    private static List<(Guid TicketTypeId, int Quantity)> Merge(IReadOnlyList<ReservationItem> items)
    {
        if (items is null || items.Count == 0)
        {
            throw new OrderingException(OrderingErrorCode.InvalidQuantity, "An order needs at least one item.");
        }
        if (items.Count > MaxItems)
        {
            throw new OrderingException(OrderingErrorCode.InvalidQuantity, $"An order has at most {MaxItems} items.");
        }
        var merged = new List<(Guid, int)>();
        foreach (var group in items.GroupBy(i => i.TicketTypeId))
        {
            long total = 0;
            foreach (var item in group)
            {
                if (item.Quantity <= 0)
                {
                    throw new OrderingException(OrderingErrorCode.InvalidQuantity, $"Quantities must be positive; got {item.Quantity}.") { TicketTypeId = group.Key };
                }
                total += item.Quantity;
            }
            if (total > TicketType.MaxPerOrderLimit)
            {
                throw new OrderingException(OrderingErrorCode.LimitExceeded, $"At most {TicketType.MaxPerOrderLimit} tickets of a type per order.")
                { TicketTypeId = group.Key, Limit = TicketType.MaxPerOrderLimit };
            }
            merged.Add((group.Key, (int)total));
        }
        return merged;
    }

    private static PromoCode? FindPromo(Event ev, string? code, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var normalized = Codes.TryNormalize(code);
        var promo = normalized is null ? null : ev.PromoCodes.FirstOrDefault(p => p.Code == normalized);
        if (promo is null || !promo.IsValidAt(now))
        {
            throw new OrderingException(OrderingErrorCode.InvalidPromoCode, "This promo code is not valid for this event.");
        }
        return promo;
    }

    private const string NumberAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static string NewNumber()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NumberAlphabet[RandomNumberGenerator.GetInt32(NumberAlphabet.Length)];
        }
        return "TK-" + new string(chars);
    }
}
